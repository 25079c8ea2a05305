// The verifier's report: the JSON an auditor's tools read (`--json`) and the plain-text form printed by default.
import type { PaperDistrict, ValidityBasis } from '@saylau/protocol';
import type { CheckResult, Failure } from './checks.ts';
import type { AnchorSummary } from './stages/anchors.ts';

export interface QuestionCounts {
  readonly question: string;
  /** option id → selections, as the verifier decrypted them. */
  readonly counts: Record<string, number>;
  readonly ballots: number;
  readonly registered: number;
}

export interface VerifiedResult {
  /** Whether the board publishes a result event (the figures below are the verifier's own either way). */
  readonly published: boolean;
  /** Whether every published figure equals the verifier's. */
  readonly matches: boolean;
  readonly trustees: readonly number[];
  readonly counted: number;
  readonly superseded: number;
  readonly cancelled: number;
  /** Ballots of credentials revoked when a lost letter was re-issued (spec §3.5.1). */
  readonly revoked: number;
  readonly districts: readonly {
    readonly district: string;
    readonly name: string;
    readonly questions: readonly QuestionCounts[];
  }[];
  readonly overall: readonly QuestionCounts[];
  readonly validity: readonly {
    readonly question: string;
    readonly valid: boolean;
    readonly rules: readonly { readonly kind: string; readonly passed: boolean; readonly figures: Record<string, number> }[];
  }[];
  /** On which votes the verdicts are judged (the definition's validityBasis, spec §6.6). */
  readonly basis: ValidityBasis;
  /** The commission's paper results, attested by the members named (not verifiable), when on the board. */
  readonly paper: {
    readonly districts: readonly PaperDistrict[];
    readonly overall: readonly QuestionCounts[];
    readonly signers: readonly string[];
  } | null;
  /** Electronic plus paper, per district and overall, when there are paper results. */
  readonly combined: {
    readonly districts: readonly { readonly district: string; readonly questions: readonly QuestionCounts[] }[];
    readonly overall: readonly QuestionCounts[];
  } | null;
}

export interface ElectionSummary {
  readonly id: string | null;
  readonly title: string | null;
  readonly fingerprint: string | null;
  readonly events: number;
  readonly ballots: number;
  /** The last state the board reached. */
  readonly state: string;
  readonly finalHead: { readonly treeSize: number; readonly rootHash: string; readonly timestamp: string } | null;
  /** The definition marks a practice election (spec §3.3): none of its votes count. */
  readonly practice: boolean;
}

export interface Report {
  /** True when every check passed. */
  readonly ok: boolean;
  readonly readable: true;
  readonly election: ElectionSummary;
  readonly checks: CheckResult[];
  /** The result as the verifier recomputed it, or null when the board has no decryption yet. */
  readonly result: VerifiedResult | null;
  readonly anchors: AnchorSummary;
  readonly timing: {
    readonly ms: number;
    readonly ballots: number;
    readonly msPerBallot: number | null;
    readonly workers: number;
    /** How the worker threads loaded their code: one pre-built bundle, or TypeScript through tsx (and why). */
    readonly workerCode: string | null;
    /** Milliseconds per stage: load, frame, board, ceremony, ballots, tally. */
    readonly stages: Record<string, number>;
  };
  /** Things the auditor should know that are not check failures (a worker thread that failed, …). */
  readonly warnings: readonly string[];
}

/** A record that could not be read at all (exit code 2). */
export interface UnreadableReport {
  readonly ok: false;
  readonly readable: false;
  readonly problems: readonly { readonly code: string; readonly path: string; readonly message: string }[];
  readonly checks: [];
  readonly result: null;
  readonly anchors: null;
}

export function exitCode(report: Report | UnreadableReport): 0 | 1 | 2 {
  if (!report.readable) return 2;
  return report.ok ? 0 : 1;
}

/** Where a failure is, as a short phrase: "seq 41, ballot 3f2a…, answers.1.sumProof". */
export function locate(f: Failure): string {
  const parts: string[] = [];
  if (f.file !== undefined) parts.push(f.file);
  if (f.seq !== undefined) parts.push(`seq ${f.seq}`);
  if (f.head !== undefined) parts.push(`head ${f.head}`);
  if (f.ballot !== undefined) parts.push(`ballot ${f.ballot.slice(0, 16)}…`);
  if (f.credential !== undefined && f.ballot === undefined) parts.push(`credential ${f.credential.slice(0, 16)}…`);
  if (f.trustee !== undefined) parts.push(`trustee ${f.trustee}`);
  if (f.district !== undefined) parts.push(`district ${f.district}`);
  if (f.question !== undefined) parts.push(`question ${f.question}`);
  if (f.option !== undefined) parts.push(`option ${f.option}`);
  if (f.path !== undefined && f.path !== '') parts.push(f.path);
  return parts.join(', ') || 'record';
}

/** The definition's validity basis in words. */
const BASIS_TEXT: Record<ValidityBasis, string> = {
  'e-votes': 'the electronic votes',
  paper: 'the paper votes (attested by the commission)',
  both: 'the electronic and paper votes together (paper attested by the commission)',
};

/** How many failures of one check the text report prints (the JSON has them all, up to the kept maximum). */
const TEXT_FAILURES = 10;

export function renderText(report: Report | UnreadableReport): string {
  if (!report.readable) {
    return ['THE RECORD COULD NOT BE READ', ...report.problems.map((p) => `  ${p.code} ${p.path}: ${p.message}`), ''].join('\n');
  }
  const lines: string[] = [];
  const { election, anchors, timing } = report;
  if (election.practice) lines.push('PRACTICE ELECTION — a test of the booth: none of its votes count.');
  lines.push(`Saylau election record: ${election.id ?? '(no definition)'}${election.title ? ` — ${election.title}` : ''}`);
  lines.push(`  fingerprint ${election.fingerprint ?? '(none)'}`);
  lines.push(`  ${election.events} events, ${election.ballots} ballots, state "${election.state}"`);
  if (election.finalHead)
    lines.push(
      `  final head: size ${election.finalHead.treeSize}, root ${election.finalHead.rootHash}, ${election.finalHead.timestamp}`,
    );
  lines.push('');
  lines.push(`Anchors: ${anchors.statement}`);
  lines.push('');
  const width = Math.max(...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    const status = c.failed > 0 ? 'FAIL' : c.checked === 0 ? ' -- ' : ' ok ';
    const counts =
      c.checked === 0 && c.failed === 0 ? (c.note ?? 'nothing to check') : `${c.checked} checked, ${c.failed} failed`;
    lines.push(`[${status}] ${c.id.padEnd(width)}  ${counts}`);
    lines.push(`       ${' '.repeat(width)}  ${c.title}`);
    if (c.note !== undefined && (c.checked > 0 || c.failed > 0)) lines.push(`       ${' '.repeat(width)}  note: ${c.note}`);
    for (const f of c.failures.slice(0, TEXT_FAILURES)) lines.push(`         ✗ ${locate(f)}: ${f.code}: ${f.reason}`);
    const more = c.failed - Math.min(c.failures.length, TEXT_FAILURES);
    if (c.failures.length > TEXT_FAILURES || (c.omitted ?? 0) > 0)
      lines.push(`         … and ${Math.max(more, 0)} more (see --json)`);
  }
  lines.push('');
  if (report.result) {
    const r = report.result;
    lines.push(
      `Result (recomputed by the verifier${r.published ? (r.matches ? ', equal to the published one' : ', DIFFERENT from the published one') : ', not yet published'}):`,
    );
    lines.push(
      `  counted ${r.counted} ballots (superseded ${r.superseded}, cancelled by paper ${r.cancelled}${r.revoked > 0 ? `, revoked with a re-issued letter ${r.revoked}` : ''}); trustees ${r.trustees.join(', ')}`,
    );
    const countsText = (q: QuestionCounts) =>
      Object.entries(q.counts)
        .map(([o, n]) => `${o} ${n}`)
        .join(', ');
    for (const q of r.overall) {
      const v = r.validity.find((x) => x.question === q.question);
      const paper = r.paper?.overall.find((x) => x.question === q.question);
      const both = r.combined?.overall.find((x) => x.question === q.question);
      const verdict = v ? ` — ${v.valid ? 'valid' : 'NOT valid'}` : '';
      if (!paper || !both) {
        lines.push(`  ${q.question}: ${countsText(q)}${verdict}`);
        continue;
      }
      lines.push(`  ${q.question}: electronic votes ${countsText(q)} (verified)`);
      lines.push(
        `  ${' '.repeat(q.question.length)}  paper votes ${countsText(paper)} (attested by the commission, not verifiable)`,
      );
      lines.push(`  ${' '.repeat(q.question.length)}  combined ${countsText(both)}${verdict}`);
    }
    if (r.paper) lines.push(`  paper results attested by members ${r.paper.signers.join(', ')}`);
    lines.push(`  validity judged on ${BASIS_TEXT[r.basis]}`);
    lines.push('');
  }
  for (const w of report.warnings) lines.push(`Warning: ${w}`);
  const failed = report.checks.filter((c) => c.failed > 0);
  const perBallot = timing.msPerBallot === null ? '' : ` (${timing.msPerBallot.toFixed(2)} ms per ballot)`;
  lines.push(
    failed.length === 0
      ? `ALL ${report.checks.length} CHECKS PASSED in ${(timing.ms / 1000).toFixed(1)} s${perBallot}.`
      : `${failed.length} OF ${report.checks.length} CHECKS FAILED: ${failed.map((c) => c.id).join(', ')}.`,
  );
  return `${lines.join('\n')}\n`;
}
