// After publication: the election record as the server publishes it (GET …/record), and the results protocol built
// from that record in this browser with the protocol's own buildResultsProtocol (the function `saylau results
// protocol` runs), written as the CLI writes protocol.json; and the verifier's report on that record
// (verification.ts), with the command for an independent verification; and a member's signature of the protocol
// (protocol-signing.ts).
import { buildResultsProtocol, canonicalJson } from '@saylau/protocol';
import { downloadFile, h } from '../../../dom.ts';
import type { StepContext } from '../../step.ts';
import { AFTER_CLOSE_TEXTS } from '../../texts/after-close.ts';
import { actionBlock, StepRefusal } from '../kit/action.ts';
import { protocolSigningSection } from './protocol-signing.ts';
import { protocolSource, recordDocument, recordUrl } from './record-source.ts';
import { verificationSection } from './verification.ts';

export const recordFileName = (eid: string): string => `saylau-record-${eid}.json`;
export const protocolFileName = (eid: string): string => `saylau-protocol-${eid}.json`;

export function downloadsPanel(context: StepContext): HTMLElement {
  const { election, language } = context;
  const m = AFTER_CLOSE_TEXTS[language];
  const section = h(
    'section',
    { class: 'panel stack', id: 'downloads', 'aria-labelledby': 'downloads-title' },
    h('h3', { id: 'downloads-title' }, m.downloadsTitle),
  );
  if (election.state !== 'published') {
    section.append(h('p', null, m.downloadsNotYet));
    return section;
  }
  const record = () => recordDocument(context.api, election);
  section.append(
    actionBlock(language, `${election.id}:downloads`, {
      id: 'download-record',
      label: m.downloadRecord,
      kind: 'secondary',
      blocked: null,
      run: async () => {
        const name = recordFileName(election.id);
        downloadFile(name, `${JSON.stringify(await record())}\n`);
        return () => [name];
      },
    }),
    actionBlock(language, `${election.id}:downloads`, {
      id: 'download-protocol',
      label: m.downloadProtocol,
      kind: 'secondary',
      blocked: null,
      run: async () => {
        const built = buildResultsProtocol(await protocolSource(context.api, election), { recordUrl: recordUrl(election) });
        if (!built.ok)
          throw new StepRefusal((l) => AFTER_CLOSE_TEXTS[l].protocolFailed(built.problems.map((p) => p.message).join('; ')));
        const name = protocolFileName(election.id);
        downloadFile(name, `${canonicalJson(built.value)}\n`);
        return () => [name];
      },
    }),
    verificationSection({ language, election, record, fileName: recordFileName(election.id) }),
    protocolSigningSection(context, recordFileName(election.id)),
  );
  return section;
}
