// A member's signature of the results protocol in the console (spec §4.4.1), as `saylau commission sign-protocol`
// adds it: the member picks a protocol file (the console's download, or one another member signed and passed on) or
// starts from the one built here; it is checked against the published record exactly as `saylau-verify --protocol`
// checks it (checkResultsProtocol), shown in plain words, and only when every figure and signature holds is this
// member's signature added and the signed file offered. The protocol in hand is kept per election across re-renders.
import { hexToBytes } from '@saylau/crypto';
import {
  buildResultsProtocol,
  canonicalJson,
  checkResultsProtocol,
  type Language,
  type Problem,
  type ResultsProtocol,
  type ResultsProtocolSource,
  signResultsProtocol,
} from '@saylau/protocol';
import { downloadFile, h, replaceChildren } from '../../../dom.ts';
import { statusBox } from '../../../ui.ts';
import type { ConsoleElection, StepContext } from '../../step.ts';
import { AFTER_CLOSE_TEXTS, type AfterCloseTexts } from '../../texts/after-close.ts';
import { actionBlock, failureText, pastOutcome, StepRefusal } from '../kit/action.ts';
import { localTime, memberOf } from '../kit/election.ts';
import { protocolSource, recordUrl } from './record-source.ts';
import './protocol-signing.css';

/** A signed protocol's file name says how many signatures it carries, so members passing it on tell them apart. */
export const signedProtocolFileName = (eid: string, signatures: number): string =>
  `saylau-protocol-${eid}-${signatures}-signature${signatures === 1 ? '' : 's'}.json`;

/** The protocol in hand: a file's JSON (or why it is not JSON), or the one built from the record. */
type InHand = ({ readonly json: unknown } | { readonly notJson: string }) & {
  /** Which pick this is: an action's outcome belongs to the protocol it was done on, not to the next file picked. */
  readonly pick: number;
};

const inHand = new Map<string, InHand>();
let picks = 0;
/** The record's parts per election, read once: a published record no longer changes. */
const sources = new Map<string, Promise<ResultsProtocolSource>>();
/** How many problems of a refused protocol are listed. */
const LISTED_PROBLEMS = 10;

function sourceOf(context: StepContext): Promise<ResultsProtocolSource> {
  const { election } = context;
  let source = sources.get(election.id);
  if (!source) {
    source = protocolSource(context.api, election);
    sources.set(election.id, source);
    source.catch(() => sources.delete(election.id));
  }
  return source;
}

export function protocolSigningSection(context: StepContext, recordFile: string): HTMLElement {
  const { election, language } = context;
  const m = AFTER_CLOSE_TEXTS[language];
  const result = h('div', { id: 'protocol-check' });
  let generation = 0;
  const paint = async (): Promise<void> => {
    const mine = ++generation;
    const held = inHand.get(election.id);
    if (!held) return replaceChildren(result);
    replaceChildren(result, statusBox(m.signChecking));
    let shown: HTMLElement;
    try {
      shown =
        'notJson' in held
          ? refusal(m, 'MALFORMED', [], m.refusedNotJson(held.notJson))
          : checked(held.json, await sourceOf(context));
    } catch (error) {
      shown = h(
        'div',
        { id: 'protocol-verdict', class: 'alert alert-error', role: 'alert', 'data-ok': 'false' },
        failureText(error, language),
      );
    }
    if (mine === generation) replaceChildren(result, shown);
  };

  const checked = (json: unknown, source: ResultsProtocolSource): HTMLElement => {
    const verdict = checkResultsProtocol(json, source);
    const wrong = verdict.problems.filter((p) => p.code !== 'PROTOCOL_UNSIGNED');
    if (wrong.length > 0) {
      const [code, sentence] = refusalOf(m, wrong);
      return refusal(m, code, wrong, sentence);
    }
    const protocol = json as ResultsProtocol;
    const threshold = election.definition.commission?.threshold ?? 0;
    const me = memberOf(election, context.member);
    const signedByMe = me !== null && verdict.signers.includes(me.id);
    const pick = inHand.get(election.id)?.pick ?? 0;
    const scope = `${election.id}:protocol:${pick}`;
    return h(
      'div',
      { id: 'protocol-verdict', class: 'stack', 'data-ok': 'true', 'data-signatures': String(verdict.signers.length) },
      h('div', { class: 'alert alert-success', role: 'status' }, m.signMatches),
      summary(m, language, election, protocol, verdict.signers),
      h('p', { id: 'protocol-signatures' }, m.signatureCount(verdict.signers.length, threshold)),
      signedByMe
        ? [
            pastOutcome(language, scope, 'protocol-sign'),
            h('div', { id: 'protocol-already', class: 'alert alert-warning', role: 'status' }, m.alreadySigned),
            actionBlock(language, scope, {
              id: 'protocol-download',
              label: m.downloadSigned,
              kind: 'secondary',
              blocked: null,
              run: async () => {
                const name = signedProtocolFileName(election.id, protocol.signatures.length);
                downloadFile(name, `${canonicalJson(protocol)}\n`);
                return () => [name];
              },
            }),
          ]
        : actionBlock(language, scope, {
            id: 'protocol-sign',
            label: m.signProtocol,
            blocked: me === null ? m.signNotMember : null,
            run: async () => {
              if (me === null) throw new StepRefusal((l) => AFTER_CLOSE_TEXTS[l].signNotMember);
              const secretKey = await context.memberKey();
              const signed = signResultsProtocol(protocol, secretKey, hexToBytes(election.fingerprint), me.id);
              // the signature is checked as the verifier will check it before the file leaves this page
              const after = checkResultsProtocol(signed, source);
              const bad = after.problems.filter((p) => p.code !== 'PROTOCOL_UNSIGNED');
              if (bad.length > 0 || !after.signers.includes(me.id))
                throw new StepRefusal((l) => AFTER_CLOSE_TEXTS[l].refusedSignature);
              const name = signedProtocolFileName(election.id, signed.signatures.length);
              downloadFile(name, `${canonicalJson(signed)}\n`);
              inHand.set(election.id, { json: signed, pick });
              const count = after.signers.length;
              return (l) => [AFTER_CLOSE_TEXTS[l].signedSaved(name, count, threshold)];
            },
            after: () => paint(),
          }),
    );
  };

  const fileInput = h('input', {
    type: 'file',
    id: 'protocol-file',
    accept: '.json,application/json',
    on: {
      change: () => {
        const file = fileInput.files?.[0];
        if (!file) return;
        void file.text().then((text) => {
          try {
            inHand.set(election.id, { json: JSON.parse(text), pick: ++picks });
          } catch (error) {
            inHand.set(election.id, { notJson: error instanceof Error ? error.message : String(error), pick: ++picks });
          }
          fileInput.value = '';
          void paint();
        });
      },
    },
  });
  const useBuilt = actionBlock(language, `${election.id}:protocol`, {
    id: 'protocol-use-built',
    label: m.signUseBuilt,
    kind: 'secondary',
    blocked: null,
    run: async () => {
      const built = buildResultsProtocol(await sourceOf(context), { recordUrl: recordUrl(election) });
      if (!built.ok)
        throw new StepRefusal((l) => AFTER_CLOSE_TEXTS[l].protocolFailed(built.problems.map((p) => p.message).join('; ')));
      inHand.set(election.id, { json: built.value, pick: ++picks });
      return (l) => [AFTER_CLOSE_TEXTS[l].signBuiltTaken];
    },
    after: () => paint(),
  });
  void paint();
  return h(
    'section',
    { class: 'stack', id: 'protocol-signing', 'aria-labelledby': 'protocol-signing-title' },
    h('h3', { id: 'protocol-signing-title' }, m.signTitle),
    h('p', null, m.signIntro),
    h('div', { class: 'field' }, h('label', { for: 'protocol-file' }, m.signFileLabel), fileInput),
    useBuilt,
    result,
    h('p', null, m.signVerifyText),
    h('pre', { class: 'console-command' }, h('code', { id: 'protocol-command' }, m.signVerifyCommand(recordFile))),
  );
}

/** The refusal: the check's first code and a sentence, then every problem as the verifier says it. */
function refusal(m: AfterCloseTexts, code: string, problems: readonly Problem[], sentence: string): HTMLElement {
  return h(
    'div',
    { id: 'protocol-verdict', class: 'alert alert-error', role: 'alert', 'data-ok': 'false', 'data-code': code },
    h('p', null, `${code}: ${sentence}`),
    problems.length === 0
      ? null
      : h(
          'ul',
          { lang: 'en' },
          problems.slice(0, LISTED_PROBLEMS).map((p) => h('li', null, `${p.path.join('.') || '/'}: ${p.code}: ${p.message}`)),
          problems.length > LISTED_PROBLEMS ? h('li', null, m.moreFailures(problems.length - LISTED_PROBLEMS)) : null,
        ),
  );
}

/** The code a refusal leads with and its sentence: another election before other figures before signatures. */
function refusalOf(m: AfterCloseTexts, problems: readonly Problem[]): [string, string] {
  const has = (code: string, where?: readonly (string | number)[]) =>
    problems.some((p) => p.code === code && (where === undefined || where.includes(p.path[0] as string)));
  if (has('MALFORMED')) return ['MALFORMED', m.refusedMalformed];
  if (has('PROTOCOL_MISMATCH', ['election', 'fingerprint'])) return ['PROTOCOL_MISMATCH', m.refusedOtherElection];
  if (has('PROTOCOL_MISMATCH')) return ['PROTOCOL_MISMATCH', m.refusedFigures];
  if (has('BAD_MEMBER_SIGNATURE')) return ['BAD_MEMBER_SIGNATURE', m.refusedSignature];
  const first = problems[0] as Problem;
  return [first.code, m.refusedOther];
}

/** What the protocol certifies, in the member's language. */
function summary(
  m: AfterCloseTexts,
  language: Language,
  election: ConsoleElection,
  protocol: ResultsProtocol,
  signers: readonly string[],
): HTMLElement {
  const { definition } = election;
  const memberName = (id: string) => definition.commission?.members.find((x) => x.id === id)?.name ?? id;
  const counts = (r: ResultsProtocol['results']['overall'][number] | undefined): string => {
    const question = definition.questions.find((q) => q.id === r?.question);
    return Object.entries(r?.counts ?? {})
      .map(([option, n]) => `${question?.options.find((o) => o.id === option)?.label[language] ?? option}: ${n}`)
      .join(', ');
  };
  const paper = protocol.paperVoting;
  const row = (name: string, value: HTMLElement | string, key: string) => [
    h('dt', null, name),
    h('dd', { 'data-item': key }, value),
  ];
  return h(
    'dl',
    { id: 'protocol-summary', class: 'facts' },
    row(m.sumElection, `${protocol.title[language]} (${protocol.election})`, 'election'),
    row(m.sumRegister, String(protocol.register.total), 'register'),
    row(m.sumCounted, String(protocol.eVoting.counted), 'counted'),
    paper ? row(m.sumPaper, m.sumPaperAttested(paper.attestedBy.map(memberName).join(', ')), 'paper') : null,
    definition.questions.map((q) => {
      const verdict = protocol.validity.find((v) => v.question === q.id);
      const electronic = protocol.results.overall.find((r) => r.question === q.id);
      return row(
        q.text[language],
        h(
          'ul',
          null,
          h('li', null, `${m.qElectronic}: ${counts(electronic)}`),
          paper ? h('li', null, `${m.qPaper}: ${counts(paper.overall.find((r) => r.question === q.id))}`) : null,
          protocol.combined
            ? h('li', null, `${m.qCombined}: ${counts(protocol.combined.overall.find((r) => r.question === q.id))}`)
            : null,
          h('li', { 'data-valid': String(verdict?.valid) }, verdict?.valid ? m.qValid : m.qInvalid),
        ),
        `question-${q.id}`,
      );
    }),
    row(
      m.sumFinalHead,
      m.sumFinalHeadValue(protocol.finalHead.treeSize, localTime(election, protocol.finalHead.timestamp, language)),
      'final-head',
    ),
    row(m.sumSigners, signers.length === 0 ? m.nobodyYet : signers.map(memberName).join(', '), 'signers'),
  );
}
