export * from './signatures.ts';
export * from './statements.ts';
