export * from './build.ts';
export * from './check.ts';
export * from './choices.ts';
export * from './open.ts';
export * from './schema.ts';
export * from './statement.ts';
export * from './tracking.ts';
