// The election record (spec §7): the versioned export of the board, its writer and its two-stage reader.
export * from './build.ts';
export * from './format.ts';
export * from './lines.ts';
export * from './read.ts';
export * from './shape.ts';
