// The public board (spec §5): an RFC 9162 Merkle log of event bytes, signed tree heads and their proofs.

export * from './cosignature.ts';
export * from './merkle.ts';
export * from './merkle-log.ts';
export * from './proofs.ts';
export * from './tree-head.ts';
