// Public surface of @saylau/protocol: the schemas and pure functions shared by server, voter page, CLI and verifier.
export * from './ballot/index.ts';
export * from './board/index.ts';
export * from './canonical-json.ts';
export * from './ceremony/index.ts';
export * from './codec.ts';
export * from './commission/index.ts';
export * from './definition/index.ts';
export * from './display.ts';
export * from './errors.ts';
export * from './events/index.ts';
export * from './glossary/index.ts';
export * from './login-code.ts';
export * from './processing/index.ts';
export * from './record/index.ts';
export * from './results-protocol/index.ts';
export * from './time/index.ts';
export * from './trustee-request.ts';
