// Public surface of @saylau/crypto: everything the protocol, server, voter page and verifier may use.
export * from './aead.ts';
export * from './bytes.ts';
export * from './credential.ts';
export * from './dlog.ts';
export * from './elgamal.ts';
export * from './group.ts';
export * from './hash.ts';
export * from './proofs/batch.ts';
export * from './proofs/chaum-pedersen.ts';
export * from './proofs/equation.ts';
export * from './proofs/range.ts';
export * from './proofs/schnorr.ts';
export * from './threshold/dealing.ts';
export * from './threshold/decryption.ts';
export * from './threshold/share-encryption.ts';
