// The results protocol (spec §4.4.1): the document, the statement the commission's members sign, and its check.
export * from './check.ts';
export * from './document.ts';
