// The in-memory election simulator (Node entry only: it is a test and benchmark tool, not part of the voter page).
export * from './prng.ts';
export * from './simulate.ts';
