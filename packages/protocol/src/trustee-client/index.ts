// "@saylau/protocol/trustee-client": a trustee's side of the key ceremony and the decryption, shared by the CLI
// (`saylau trustee …`) and the trustee's page in the browser. No Node APIs: the server is reached through a
// TrusteeTransport, key files are text, randomness is the platform CSPRNG (crypto.getRandomValues).
export * from './board.ts';
export * from './ceremony.ts';
export * from './ceremony-state.ts';
export * from './decrypt.ts';
export * from './errors.ts';
export * from './key-file.ts';
export * from './sealed.ts';
export * from './transport.ts';
