// Processing, decryption and results (spec §6): pure functions shared by the server, the simulator and the verifier.
export * from './aggregate.ts';
export * from './counted-set.ts';
export * from './decrypt.ts';
export * from './fate.ts';
export * from './replacements.ts';
export * from './results.ts';
export * from './verdict-text.ts';
