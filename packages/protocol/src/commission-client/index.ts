// "@saylau/protocol/commission-client": a commission member's side of the console, shared by the CLI and the
// console page in the browser: the member key file, the sign-in and enrollment signatures, the wire names and a
// small client. No Node APIs.
export { TrusteeError as KeyFileError } from '../trustee-client/errors.ts';
export * from './client.ts';
export * from './member-key-file.ts';
export * from './member-signatures.ts';
export * from './wire.ts';
