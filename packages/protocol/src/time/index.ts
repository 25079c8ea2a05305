export * from './early-close.ts';
export * from './formats.ts';
export * from './period.ts';
