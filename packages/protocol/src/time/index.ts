export * from './early-close.ts';
export * from './formats.ts';
export * from './local-time.ts';
export * from './period.ts';
