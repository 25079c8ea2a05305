// The shareable HTML report (`--html FILE`): one self-contained page — no scripts, no external assets — with the
// verdict, the anchors, a table of every check with its failures, and the result per district as bar charts.
// Every string from the record is escaped: a record is untrusted input, its texts included. Terms that voters also
// read (fingerprint, board, signed board state, trustees) are the protocol glossary's English words.

import {
  type ElectionDefinition,
  electionUtcOffset,
  formatLocalDateTime,
  type Language,
  optionName,
  sharePercent,
  shareText,
  term,
  verdictText,
} from '@saylau/protocol';
import type { QuestionCounts, Report, UnreadableReport } from './report.ts';
import { locate } from './report.ts';

function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
main{max-width:1040px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px}h3{font-size:15px;margin:18px 0 6px}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;word-break:break-all}
.banner{padding:14px 18px;border-radius:8px;font-weight:600;margin:16px 0}
.pass{background:#e3f4e8;color:#12602b;border:1px solid #9fd4ae}.fail{background:#fbe5e5;color:#8a1414;border:1px solid #eba5a5}
.note{background:#fff6dd;color:#6a4b00;border:1px solid #ecd38a}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e6}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e8ebee;vertical-align:top}
th{background:#eef1f4;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.st{font-weight:700}.st.ok{color:#12602b}.st.bad{color:#b01818}.st.na{color:#7b8590}
details{margin-top:4px}summary{cursor:pointer;color:#8a1414}
ul.f{margin:4px 0 0 18px;padding:0}ul.f li{margin:2px 0}
.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px 16px;margin:10px 0}
.bar{display:flex;align-items:center;gap:8px;margin:3px 0}.bar .l{width:160px;flex:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar .t{flex:1;background:#eef1f4;border-radius:4px;height:18px;position:relative}
.bar .v{background:#3b6fb6;height:18px;border-radius:4px}.bar .c{width:110px;flex:none;text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#5d6773}
@media (max-width:600px){main{padding:12px}.bar{flex-wrap:wrap}.bar .l{flex:1 1 100%;width:auto;white-space:normal}td,th{overflow-wrap:anywhere}}
`;

/** How the report names what the record holds by id: the definition's labels in one language, when it was read. */
export interface ReportLabels {
  readonly definition?: ElectionDefinition;
  readonly language: Language;
}

function questionName(labels: ReportLabels, id: string): string {
  const text = labels.definition?.questions.find((q) => q.id === id)?.text[labels.language];
  return text ? `${esc(text)} <span class="muted mono">${esc(id)}</span>` : `<span class="mono">${esc(id)}</span>`;
}

/**
 * One question's counts as bars. Each bar is the option's share of the question's ballots — the figure `saylau
 * results` and the public page print (sharePercent) — so a bar's length is that share of the whole track.
 */
function bars(q: QuestionCounts, labels: ReportLabels): string {
  const order = labels.definition?.questions.find((x) => x.id === q.question)?.options.map((o) => o.id) ?? Object.keys(q.counts);
  const rows = order.map((option) => {
    const n = q.counts[option] ?? 0;
    const name = labels.definition ? optionName(labels.definition, q.question, option, labels.language) : option;
    const width = Math.min(100, sharePercent(n, q.ballots) ?? 0);
    return `<div class="bar"><span class="l">${esc(name)}</span><span class="t"><span class="v" style="display:block;width:${width.toFixed(1)}%"></span></span><span class="c">${n} (${shareText(n, q.ballots)})</span></div>`;
  });
  return `<h3>${questionName(labels, q.question)} <span class="muted">— ${q.ballots} ballots, ${q.registered} registered (turnout ${shareText(q.ballots, q.registered)})</span></h3>${rows.join('')}`;
}

/** A head's time in the election's time zone when the definition was read (the record's UTC value beside it). */
function headTime(timestamp: string, labels: ReportLabels): string {
  if (!labels.definition || !Number.isFinite(Date.parse(timestamp))) return esc(timestamp);
  const local = formatLocalDateTime(timestamp, labels.language, electionUtcOffset(labels.definition));
  return `${esc(local)} <span class="muted mono">${esc(timestamp)}</span>`;
}

function unreadable(report: UnreadableReport): string {
  const items = report.problems.map((p) => `<li><span class="mono">${esc(p.code)}</span> ${esc(p.path)}: ${esc(p.message)}</li>`);
  return `<div class="banner fail">The record could not be read at all.</div><ul class="f">${items.join('')}</ul>`;
}

function body(report: Report, labels: ReportLabels): string {
  const { election, anchors, checks, result, timing } = report;
  const failed = checks.filter((c) => c.failed > 0);
  const out: string[] = [];
  out.push(`<h1>${esc(labels.definition?.title[labels.language] ?? election.title ?? election.id ?? 'Election record')}</h1>`);
  out.push(
    `<div class="muted">${term('election', 'en')} <span class="mono">${esc(election.id ?? '—')}</span> · ${term('electionFingerprint', 'en')} <span class="mono">${esc(election.fingerprint ?? '—')}</span></div>`,
  );
  out.push(
    failed.length === 0
      ? `<div class="banner pass">All ${checks.length} checks passed.</div>`
      : `<div class="banner fail">${failed.length} of ${checks.length} checks failed: ${failed.map((c) => esc(c.id)).join(', ')}.</div>`,
  );
  out.push('<h2>Summary</h2><table>');
  const head = election.finalHead;
  const rows: [string, string][] = [
    [`events on the ${term('board', 'en')}`, String(election.events)],
    ['ballots', String(election.ballots)],
    ['last state', esc(election.state)],
    [
      `final ${term('treeHead', 'en')}`,
      head
        ? `size ${head.treeSize}, root <span class="mono">${esc(head.rootHash)}</span>, ${headTime(head.timestamp, labels)}`
        : '—',
    ],
    [
      'verification time',
      `${(timing.ms / 1000).toFixed(1)} s${timing.msPerBallot === null ? '' : ` (${timing.msPerBallot} ms per ballot)`}, ${timing.workers} worker threads`,
    ],
  ];
  for (const [k, v] of rows) out.push(`<tr><th>${k}</th><td>${v}</td></tr>`);
  out.push('</table>');

  out.push('<h2>Anchors</h2>');
  const anchored = anchors.fingerprint !== null || anchors.trustedHead !== null;
  const anchorOk = (anchors.fingerprint?.ok ?? true) && (anchors.trustedHead?.ok ?? true);
  out.push(`<div class="banner ${anchored ? (anchorOk ? 'pass' : 'fail') : 'note'}">${esc(anchors.statement)}</div>`);

  out.push('<h2>Checks</h2><table><tr><th>status</th><th>check</th><th class="n">checked</th><th class="n">failed</th></tr>');
  for (const c of checks) {
    const status =
      c.failed > 0
        ? '<span class="st bad">FAIL</span>'
        : c.checked === 0
          ? '<span class="st na">—</span>'
          : '<span class="st ok">ok</span>';
    let detail = `<div class="muted">${esc(c.title)}</div>`;
    if (c.note) detail += `<div class="muted"><em>${esc(c.note)}</em></div>`;
    if (c.failures.length > 0) {
      const items = c.failures.map(
        (f) => `<li><b>${esc(locate(f))}</b>: <span class="mono">${esc(f.code)}</span> ${esc(f.reason)}</li>`,
      );
      const more = c.omitted ? `<li>… and ${c.omitted} more</li>` : '';
      detail += `<details><summary>${c.failed} failed — show</summary><ul class="f">${items.join('')}${more}</ul></details>`;
    }
    out.push(
      `<tr><td>${status}</td><td><span class="mono">${esc(c.id)}</span>${detail}</td><td class="n">${c.checked}</td><td class="n">${c.failed}</td></tr>`,
    );
  }
  out.push('</table>');

  if (report.election.practice)
    out.push('<div class="banner fail">PRACTICE ELECTION — a test of the booth: none of its votes count.</div>');
  out.push('<h2>Result</h2>');
  if (!result) out.push('<p class="muted">The board holds no decrypted result yet.</p>');
  else {
    const verdict = result.published
      ? result.matches
        ? '<div class="banner pass">The published result equals the one the verifier computed.</div>'
        : '<div class="banner fail">The published result DIFFERS from the one the verifier computed.</div>'
      : '<div class="banner note">The board has no published result; these are the verifier’s own figures.</div>';
    out.push(verdict);
    out.push(
      `<p>Counted ${result.counted} ballots (${result.superseded} replaced by a later ${term('eVote', 'en')} of the same voter, ${result.cancelled} cancelled by a vote on paper); decrypted by ${term('trustee', 'en')}s ${result.trustees.map(esc).join(', ')}.</p>`,
    );
    out.push('<div class="card"><h3>Validity</h3><table><tr><th>question</th><th>verdict</th><th>rules</th></tr>');
    for (const v of result.validity) {
      const definitionRules = labels.definition?.questions.find((q) => q.id === v.question)?.rules ?? [];
      const rules = v.rules.map((r, i) => {
        const words = labels.definition
          ? verdictText(labels.definition, v.question, labels.language, definitionRules[i], r.kind, r.figures)
          : Object.entries(r.figures)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ');
        return `${esc(r.kind)}: ${r.passed ? 'passed' : '<strong>failed</strong>'} <span class="muted">— ${esc(words)}</span>`;
      });
      out.push(
        `<tr><td>${questionName(labels, v.question)}</td><td class="st ${v.valid ? 'ok' : 'bad'}">${v.valid ? 'valid' : 'not valid'}</td><td>${rules.join('<br>') || '—'}</td></tr>`,
      );
    }
    out.push('</table></div>');
    const basis = { 'e-votes': 'electronic votes', paper: 'paper votes', both: 'electronic and paper votes together' }[
      result.basis
    ];
    out.push(`<p>Validity judged on the ${basis}.</p>`);
    out.push(`<div class="card"><h3>Overall${result.paper ? ': electronic votes (verified)' : ''}</h3>`);
    for (const q of result.overall) out.push(bars(q, labels));
    out.push('</div>');
    if (result.paper && result.combined) {
      out.push(
        `<div class="card"><h3>Overall: paper votes (attested by the commission, not verifiable)</h3><p class="muted">Signed by members ${result.paper.signers.map(esc).join(', ')}.</p>`,
      );
      for (const q of result.paper.overall) out.push(bars(q, labels));
      out.push('</div><div class="card"><h3>Overall: electronic and paper votes combined</h3>');
      for (const q of result.combined.overall) out.push(bars(q, labels));
      out.push('</div>');
    }
    for (const d of result.districts) {
      const name = labels.definition?.districts.find((x) => x.id === d.district)?.name[labels.language] ?? d.name;
      out.push(`<div class="card"><h3>${esc(name)} <span class="muted mono">${esc(d.district)}</span></h3>`);
      for (const q of d.questions) out.push(bars(q, labels));
      out.push('</div>');
    }
  }
  return out.join('\n');
}

/** The whole page as one string. */
export function renderHtml(report: Report | UnreadableReport, labels: ReportLabels = { language: 'en' }): string {
  const title = report.readable ? `Verification of ${report.election.id ?? 'an election record'}` : 'Unreadable election record';
  return `<!doctype html>
<html lang="${labels.definition ? labels.language : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>
${report.readable ? body(report, labels) : unreadable(report)}
<p class="muted">Produced by saylau-verify from the election record alone. Every figure above was recomputed by the verifier.</p>
</main></body></html>
`;
}
