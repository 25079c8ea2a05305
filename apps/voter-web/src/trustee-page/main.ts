// The trustee's page (trustee.html#election=…&trustee=…&token=…): a trustee's whole part in a browser — make a key
// pair and save it as a passphrase-protected key file (the CLI's format), enroll, deal, verify the shares received
// (complaining about a bad one), acknowledge; after processing, decrypt this trustee's share of the aggregates. The
// logic is the protocol's shared trustee module, the same the CLI runs. The secrets live in this page's memory and
// in the file the trustee saves: never in storage, never sent. A reload re-derives where the trustee stands from the
// server and asks for the key file again.
import '../zod-config.ts';
import '../styles.css';
import './trustee.css';
import {
  type CeremonyState,
  deal,
  decryptAggregate,
  enrollKey,
  fetchCeremony,
  hasAcknowledged,
  type KeyFileHeader,
  keyFileKey,
  missingDealings,
  missingKeys,
  newKeyFileHeader,
  newTrusteeSecrets,
  openKeyFileText,
  publicKeyHex,
  type ShareCheck,
  sealKeyFile,
  TrusteeError,
  type TrusteeSecrets,
  type TrusteeSession,
  verifyShares,
} from '@saylau/protocol/trustee-client';
import { ApiError } from '../api.ts';
import { downloadFile, h, replaceChildren } from '../dom.ts';
import { type LoadedElection, loadElection } from '../election.ts';
import { t, tr } from '../i18n/index.ts';
import { mountLayout } from '../layout.ts';
import { alertBox, button, focusHeading, screenHeading, statusBox, successBox } from '../ui.ts';
import { type Invitation, invitationFromLocation } from './link.ts';
import { pageTransport } from './transport.ts';

/** Same minimum as the CLI's passphrase for a new key file. */
const MIN_PASSPHRASE = 10;
const POLL_MS = 2000;

type Step = 'enrol' | 'deal' | 'verify' | 'wait' | 'decrypt';
const STEPS: readonly Step[] = ['enrol', 'deal', 'verify', 'wait', 'decrypt'];

/** A key made on this page and not yet enrolled: the file must be saved first. */
interface PendingKey {
  readonly secrets: TrusteeSecrets;
  readonly header: KeyFileHeader;
  readonly text: string;
  downloaded: boolean;
  confirmed: boolean;
}

interface PageState {
  election?: LoadedElection;
  electionState?: string;
  ceremony?: CeremonyState;
  /** The opened secrets: only in memory. */
  secrets?: TrusteeSecrets;
  keyHeader?: KeyFileHeader;
  pending?: PendingKey;
  passphrase: string;
  confirmation: string;
  file?: { name: string; text: string };
  busy?: () => string;
  error?: () => string;
  checks?: readonly ShareCheck[];
  decrypted?: { entries: number };
}

function submitWith(event: Event, action: () => Promise<void>): void {
  event.preventDefault();
  void action();
}

function describe(error: unknown): () => string {
  if (error instanceof TrusteeError) {
    const m = t().trustee;
    if (error.code === 'WRONG_PASSPHRASE') return () => m.wrongPassphrase;
    if (error.code === 'NOT_A_KEY_FILE') return () => m.notAKeyFile;
    if (error.code === 'WRONG_KEY_FILE') return () => m.wrongKeyFile;
    if (error.code === 'BOARD_MISMATCH') return () => `${m.boardMismatch} (${error.message})`;
    return () => error.message;
  }
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return () => t().networkError;
    if (error.code === 'FINGERPRINT_MISMATCH') return () => t().electionTampered;
    return () => `${t().serverError(error.code)} ${error.message}`;
  }
  throw error;
}

function start(): void {
  const invitation = invitationFromLocation();
  const state: PageState = { passphrase: '', confirmation: '' };
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let lastShown = '';

  const me = (): number => (invitation as Invitation).trustee;
  const session = (): TrusteeSession => ({
    transport: pageTransport,
    election: state.election as LoadedElection,
    trustee: me(),
    secrets: state.secrets as TrusteeSecrets,
  });
  const ceremonyOver = (): boolean => state.ceremony?.qualified != null;
  const enrolled = (): boolean => state.ceremony?.keys.has(me()) === true;
  const dealt = (): boolean => state.ceremony?.commitments.has(me()) === true && state.ceremony?.shares.has(me()) === true;

  /** Where the trustee stands, from the server's ceremony and the election's state. */
  const currentStep = (): Step => {
    if (ceremonyOver()) return 'decrypt';
    if (!enrolled()) return 'enrol';
    if (!dealt()) return 'deal';
    if (!hasAcknowledged(state.ceremony as CeremonyState, me())) return 'verify';
    return 'wait';
  };

  const stepList = (current: Step): HTMLElement =>
    h(
      'ol',
      { class: 'trustee-steps', id: 'trustee-steps' },
      STEPS.map((step, i) => {
        const status = i < STEPS.indexOf(current) ? 'done' : step === current ? 'current' : 'later';
        return h(
          'li',
          { 'data-step': step, 'data-status': status, 'aria-current': status === 'current' ? 'step' : undefined },
          `${t().trustee.stepNames[step]} — ${t().trustee.stepStatus[status]}`,
        );
      }),
    );

  const passphraseField = (id: string, label: string, value: string, onInput: (v: string) => void, hint?: string) => {
    const input = h('input', {
      id,
      type: 'password',
      autocomplete: 'new-password',
      value,
      'aria-describedby': hint ? `${id}-hint` : undefined,
      on: { input: () => onInput(input.value) },
    });
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
      input,
    );
  };

  const busyOr = (node: HTMLElement | null): HTMLElement | null =>
    state.busy ? h('div', null, statusBox(state.busy(), 'busy'), h('progress', { id: 'progress', max: 100, value: 0 })) : node;

  /** Step 1: make the key, save the file, then enroll. */
  const enrolPanel = (): (HTMLElement | null)[] => {
    const m = t().trustee;
    if (!invitation?.token) return [alertBox(m.noToken)];
    if (state.electionState !== 'key-ceremony') return [statusBox(m.notInCeremony)];
    const pending = state.pending;
    if (!pending) {
      return [
        h('p', null, m.enrolIntro),
        h(
          'form',
          { id: 'generate-form', on: { submit: (e: Event) => submitWith(e, generate) } },
          passphraseField(
            'new-passphrase',
            m.passphraseLabel,
            state.passphrase,
            (v) => (state.passphrase = v),
            m.passphraseHint(MIN_PASSPHRASE),
          ),
          passphraseField('confirm-passphrase', m.confirmLabel, state.confirmation, (v) => (state.confirmation = v)),
          busyOr(
            h(
              'div',
              { class: 'actions' },
              h('button', { type: 'submit', id: 'generate', class: 'button button-primary' }, m.generate),
            ),
          ),
        ),
        h('details', null, h('summary', null, m.haveFileSummary), h('p', null, m.haveFileText), unlockForm()),
      ];
    }
    const canEnrol = pending.downloaded && pending.confirmed;
    const checkbox = h('input', {
      type: 'checkbox',
      id: 'saved-confirm',
      checked: pending.confirmed,
      disabled: !pending.downloaded,
      on: {
        change: () => {
          pending.confirmed = checkbox.checked;
          render();
          document.getElementById('saved-confirm')?.focus();
        },
      },
    });
    return [
      h('p', null, m.savePrompt),
      h('p', null, m.publicKey, ' ', h('code', { class: 'hex', id: 'public-key' }, pending.header.publicKey)),
      h(
        'div',
        { class: 'actions' },
        button(
          m.download,
          () => {
            downloadFile(keyFileName(), pending.text);
            pending.downloaded = true;
            render();
            document.getElementById('download-key')?.focus();
          },
          { id: 'download-key', kind: pending.downloaded ? 'secondary' : 'primary' },
        ),
      ),
      h('div', { class: 'field checkbox-field' }, checkbox, h('label', { for: 'saved-confirm' }, m.savedConfirm)),
      canEnrol ? null : h('p', { class: 'hint', id: 'enrol-why' }, pending.downloaded ? m.confirmFirst : m.downloadFirst),
      busyOr(
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              id: 'enrol',
              class: 'button button-primary',
              'aria-disabled': canEnrol ? undefined : 'true',
              'aria-describedby': canEnrol ? undefined : 'enrol-why',
              on: { click: () => canEnrol && void enrol() },
            },
            m.enrol,
          ),
        ),
      ),
    ];
  };

  /** Opening the key file saved earlier (after a reload, or later for the decryption). */
  const unlockForm = (): HTMLElement => {
    const m = t().trustee;
    const fileInput = h('input', {
      type: 'file',
      id: 'key-file',
      accept: '.key,.json,application/json',
      on: {
        change: () => {
          const file = fileInput.files?.[0];
          if (!file) return;
          void file.text().then((text) => {
            state.file = { name: file.name, text };
            render();
            document.getElementById('unlock-passphrase')?.focus();
          });
        },
      },
    });
    return h(
      'form',
      { id: 'unlock-form', on: { submit: (e: Event) => submitWith(e, unlock) } },
      h('div', { class: 'field' }, h('label', { for: 'key-file' }, m.keyFileLabel), fileInput),
      state.file ? h('p', { class: 'hint', id: 'chosen-file' }, m.chosenFile(state.file.name)) : null,
      passphraseField('unlock-passphrase', m.passphraseLabel, state.passphrase, (v) => (state.passphrase = v)),
      busyOr(
        h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'unlock', class: 'button button-primary' }, m.unlock)),
      ),
    );
  };

  const needsKey = (): HTMLElement[] => [h('p', null, t().trustee.unlockIntro), unlockForm()];

  const waitingFor = (who: readonly number[], what: (list: string) => string): HTMLElement =>
    statusBox(what(who.join(', ')), 'waiting');

  const dealPanel = (): (HTMLElement | null)[] => {
    const m = t().trustee;
    if (!state.secrets) return needsKey();
    const missing = missingKeys(state.ceremony as CeremonyState, (state.election as LoadedElection).definition.trustees.count);
    if (missing.length > 0) return [h('p', null, m.dealIntro), waitingFor(missing, m.waitingForKeys)];
    return [
      h('p', null, m.dealIntro),
      busyOr(
        h(
          'div',
          { class: 'actions' },
          button(m.deal, () => void run(doDeal), { id: 'deal' }),
        ),
      ),
    ];
  };

  const checksList = (): HTMLElement | null =>
    state.checks
      ? h(
          'ul',
          { id: 'share-checks' },
          state.checks.map((c) =>
            h(
              'li',
              { 'data-dealer': String(c.dealer), 'data-ok': String(c.ok) },
              c.ok ? m().shareOk(c.dealer) : m().shareBad(c.dealer, c.verdict ?? ''),
            ),
          ),
        )
      : null;
  const m = () => t().trustee;

  const verifyPanel = (): (HTMLElement | null)[] => {
    if (!state.secrets) return needsKey();
    const missing = missingDealings(
      state.ceremony as CeremonyState,
      (state.election as LoadedElection).definition.trustees.count,
    );
    if (missing.length > 0) return [h('p', null, m().verifyIntro), waitingFor(missing, m().waitingForShares)];
    return [
      h('p', null, m().verifyIntro),
      checksList(),
      busyOr(
        h(
          'div',
          { class: 'actions' },
          button(m().verify, () => void run(doVerify), { id: 'verify-shares' }),
        ),
      ),
    ];
  };

  const waitPanel = (): (HTMLElement | null)[] => [
    successBox(m().acknowledged),
    checksList(),
    statusBox(m().waitingForFinish, 'waiting'),
    h('p', null, m().keepFile),
  ];

  const decryptPanel = (): (HTMLElement | null)[] => {
    const qualified = state.ceremony?.qualified ?? [];
    const over = h('p', { id: 'ceremony-over' }, m().ceremonyOver(qualified.join(', ')));
    const es = state.electionState;
    if (state.decrypted) return [over, successBox(m().decrypted(state.decrypted.entries))];
    if (es === 'decrypted' || es === 'published') {
      return [
        over,
        successBox(m().alreadyDecrypted),
        h('p', null, h('a', { href: `/public.html?election=${state.election?.id}` }, t().navPublic)),
      ];
    }
    if (es !== 'processed') return [over, statusBox(m().decryptNotYet, 'waiting'), h('p', null, m().keepFile)];
    if (!qualified.includes(me()) && !state.secrets) return [over, ...needsKey()];
    if (!state.secrets) return [over, h('p', null, m().decryptIntro), unlockForm()];
    return [
      over,
      h('p', null, m().decryptIntro),
      busyOr(
        h(
          'div',
          { class: 'actions' },
          button(m().decrypt, () => void run(doDecrypt), { id: 'decrypt' }),
        ),
      ),
    ];
  };

  const render = (): void => {
    const focused = document.activeElement?.id;
    if (!invitation) {
      replaceChildren(layout.main, screenHeading(m().title), alertBox(m().badLink));
      layout.setTitle(m().title);
      return;
    }
    const { election, ceremony } = state;
    const step = ceremony ? currentStep() : undefined;
    const panels: Record<Step, () => (HTMLElement | null)[]> = {
      enrol: enrolPanel,
      deal: dealPanel,
      verify: verifyPanel,
      wait: waitPanel,
      decrypt: decryptPanel,
    };
    const name = ceremony?.trustees.find((x) => x.trustee === me())?.name;
    replaceChildren(
      layout.main,
      screenHeading(m().title),
      election ? h('p', { class: 'election-title' }, tr(election.definition.title)) : null,
      election
        ? h(
            'p',
            { id: 'trustee-who' },
            m().who(me(), name ?? '', election.definition.trustees.threshold, election.definition.trustees.count),
          )
        : null,
      step ? stepList(step) : null,
      state.error ? alertBox(state.error()) : null,
      !election && !state.error ? statusBox(t().loading) : null,
      step
        ? h(
            'section',
            { class: 'panel', 'aria-labelledby': 'step-title', 'data-step': step },
            h('h2', { id: 'step-title' }, m().stepNames[step]),
            ...panels[step](),
          )
        : null,
    );
    layout.main.dataset.screen = step ?? 'loading';
    layout.setTitle(m().title);
    if (focused) document.getElementById(focused)?.focus();
  };

  const keyFileName = (): string => `trustee-${me()}-${(invitation as Invitation).election}.key`;

  /** Reads the ceremony and the election's state; polls again while the trustee waits for the others. */
  const refresh = async (): Promise<void> => {
    if (!invitation || !state.election) return;
    try {
      const [ceremony, answer] = await Promise.all([
        fetchCeremony(pageTransport, invitation.election),
        pageTransport.get<{ state: string }>(`/api/elections/${encodeURIComponent(invitation.election)}`, 'reading the election'),
      ]);
      state.ceremony = ceremony;
      state.electionState = answer.state;
    } catch (error) {
      state.error = describe(error);
    }
    const shown = `${currentStep()}|${state.electionState}|${[...(state.ceremony?.keys.keys() ?? [])]}|${[...(state.ceremony?.shares.keys() ?? [])]}|${state.ceremony?.acknowledgements.length}`;
    if (shown !== lastShown) {
      const stepChanged = lastShown.split('|')[0] !== shown.split('|')[0];
      lastShown = shown;
      render();
      if (stepChanged) document.getElementById('step-title')?.focus();
    }
    schedulePoll();
  };

  /** Polls only while waiting on others (no field is being typed in then). */
  const schedulePoll = (): void => {
    clearTimeout(pollTimer);
    const step = currentStep();
    const waiting =
      (step === 'deal' &&
        state.secrets &&
        missingKeys(state.ceremony as CeremonyState, state.election?.definition.trustees.count ?? 0).length > 0) ||
      (step === 'verify' &&
        state.secrets &&
        missingDealings(state.ceremony as CeremonyState, state.election?.definition.trustees.count ?? 0).length > 0) ||
      step === 'wait' ||
      (step === 'decrypt' &&
        !state.decrypted &&
        state.electionState !== 'processed' &&
        state.electionState !== 'decrypted' &&
        state.electionState !== 'published');
    if (waiting && !state.busy) pollTimer = setTimeout(() => void refresh(), POLL_MS);
  };

  const progress = (fraction: number): void => {
    const bar = document.getElementById('progress') as HTMLProgressElement | null;
    if (bar) bar.value = Math.round(fraction * 100);
  };

  /** Runs a step's action with a busy message, then re-reads the server. */
  const run = async (action: () => Promise<void>, busy: () => string = () => m().working): Promise<void> => {
    if (state.busy) return;
    state.busy = busy;
    delete state.error;
    render();
    try {
      await action();
    } catch (error) {
      state.error = describe(error);
    }
    delete state.busy;
    lastShown = '';
    await refresh();
    focusHeading(layout.main);
    if (state.error) layout.main.querySelector<HTMLElement>('[role="alert"]')?.focus();
  };

  const generate = async (): Promise<void> => {
    if (state.passphrase.length < MIN_PASSPHRASE) {
      state.error = () => m().passphraseTooShort(MIN_PASSPHRASE);
      render();
      return;
    }
    if (state.passphrase !== state.confirmation) {
      state.error = () => m().passphraseMismatch;
      render();
      return;
    }
    await run(
      async () => {
        const election = state.election as LoadedElection;
        const secrets = newTrusteeSecrets(election.definition.trustees.threshold);
        const header = newKeyFileHeader({
          server: location.origin,
          election: election.id,
          fingerprint: election.fingerprintHex,
          trustee: me(),
          name: state.ceremony?.trustees.find((x) => x.trustee === me())?.name ?? `Trustee ${me()}`,
          publicKey: publicKeyHex(secrets),
          stage: 'created',
        });
        const key = await keyFileKey(header, state.passphrase, progress);
        const sealed = sealKeyFile(header, secrets, key);
        state.pending = { secrets, header: sealed.header, text: sealed.text, downloaded: false, confirmed: false };
        state.passphrase = '';
        state.confirmation = '';
      },
      () => m().stretching,
    );
  };

  const enrol = (): Promise<void> =>
    run(async () => {
      const pending = state.pending as PendingKey;
      state.secrets = pending.secrets;
      state.keyHeader = pending.header;
      await enrollKey(session(), (invitation as Invitation).token as string, pending.header.name);
      delete state.pending;
    });

  /** Opens the key file with the passphrase; it must be this trustee's, for this election, and the enrolled key. */
  const unlock = async (): Promise<void> => {
    const file = state.file;
    if (!file) {
      state.error = () => m().chooseFile;
      render();
      return;
    }
    await run(
      async () => {
        const opened = await openKeyFileText(file.text, state.passphrase, file.name, progress);
        const election = state.election as LoadedElection;
        if (
          opened.header.election !== election.id ||
          opened.header.trustee !== me() ||
          opened.header.fingerprint !== election.fingerprintHex
        ) {
          throw new TrusteeError('WRONG_KEY_FILE', 'another trustee’s or election’s key file');
        }
        const onBoard = state.ceremony?.keys.get(me())?.publicKey;
        if (onBoard !== undefined && onBoard !== opened.header.publicKey) {
          throw new TrusteeError('WRONG_KEY_FILE', 'not the enrolled key');
        }
        state.secrets = opened.secrets;
        state.keyHeader = opened.header;
        state.passphrase = '';
        if (onBoard === undefined && invitation?.token) {
          // a key file saved earlier whose enrollment did not go through is enrolled now
          await enrollKey(session(), invitation.token, opened.header.name);
        }
      },
      () => m().stretching,
    );
  };

  const doDeal = async (): Promise<void> => {
    await deal(session());
  };

  const doVerify = async (): Promise<void> => {
    const outcome = await verifyShares(session());
    state.checks = outcome.checks;
    state.secrets = outcome.secrets;
    if ('refused' in outcome.acknowledged) {
      const why = outcome.acknowledged.refused;
      throw new TrusteeError('NOT_POSSIBLE', `${m().ackRefused}: ${why}`);
    }
  };

  const doDecrypt = async (): Promise<void> => {
    const outcome = await decryptAggregate(session());
    state.decrypted = { entries: outcome.entries };
  };

  const layout = mountLayout('trustee', render);
  layout.setElection(invitation?.election ?? null);
  render();
  if (!invitation) return;
  void (async () => {
    try {
      state.election = await loadElection(invitation.election);
    } catch (error) {
      state.error = describe(error);
      render();
      return;
    }
    await refresh();
    focusHeading(layout.main);
  })();
}

start();
