// "@saylau/protocol/node": the parts that need Node (the record folder on disk) or only serve tests and tools
// (the election simulator). Browser code imports "@saylau/protocol" and never this entry.
export * from './record/fs.ts';
export * from './simulation/index.ts';
