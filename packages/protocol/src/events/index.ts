export * from './contexts.ts';
export * from './encoding.ts';
export * from './schema.ts';
