// The paper results (spec §4.4.3): the commission's attested paper counts, their consistency rules, and the combined
// result they make with the verified electronic tally.
export * from './combined.ts';
export * from './consistency.ts';
export * from './schema.ts';
