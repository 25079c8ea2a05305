export * from './fingerprint.ts';
export * from './schema.ts';
export * from './validate.ts';
