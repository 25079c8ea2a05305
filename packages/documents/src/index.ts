// What a commission makes and reads as files, the same in the CLI and in the console's browser: the voter files it
// imports, the credentials it issues, the letters that carry them and the paper results it enters.
export * from './credentials.ts';
export * from './letters/content.ts';
export * from './letters/html.ts';
export * from './letters/mail-merge.ts';
export * from './paper-results-file.ts';
export { CsvSyntaxError, csvField, detectSeparator, parseCsv, type Separator, separatorName } from './voter-file/csv.ts';
export { type DecodedFile, decodeText, EncodingError } from './voter-file/encoding.ts';
export * from './voter-file/register-file.ts';
