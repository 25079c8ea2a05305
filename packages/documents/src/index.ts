// What a commission makes and reads as files, the same in the CLI and in the console's browser: the voter files it
// imports, the credentials it issues and the letters that carry them.
export * from './credentials.ts';
export * from './letters/content.ts';
export * from './letters/html.ts';
export * from './letters/mail-merge.ts';
export { CsvSyntaxError, csvField, detectSeparator, parseCsv, type Separator, separatorName } from './voter-file/csv.ts';
export { type DecodedFile, decodeText, EncodingError } from './voter-file/encoding.ts';
export * from './voter-file/register-file.ts';
