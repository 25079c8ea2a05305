// Public surface of @saylau/verifier: verify a Saylau election record and render the report (text, JSON, HTML).
// Node.js; the same checks in a browser are "@saylau/verifier/browser" (browser.ts).
export { CHECK_IDS, CHECKS, type CheckId, type CheckResult, type Failure } from './checks.ts';
export { runVerifier } from './cli.ts';
export { renderHtml } from './html.ts';
export type { RecordInput } from './record-folder.ts';
export { RecordUnreadable } from './record-source.ts';
export { exitCode, type Report, renderText, type UnreadableReport, type VerifiedResult } from './report.ts';
export type { AnchorSummary } from './stages/anchors.ts';
export { type VerifyOptions, verifyRecord } from './verify.ts';
