// The frame every page shares: a skip link, the site header with the page links and the language switch, and the
// main region the page renders into. Switching language re-renders the header and asks the page to re-render.
import { h, replaceChildren } from './dom.ts';
import { LANGUAGE_NAMES, type Language, language, onLanguageChange, setLanguage, t } from './i18n/index.ts';

export type PageName = 'vote' | 'verify' | 'public' | 'trustee' | 'console';

export interface Layout {
  readonly main: HTMLElement;
  /** Sets the document title from the screen's heading. */
  setTitle(screenTitle: string): void;
  /** Re-renders the header (the election id may become known after the page starts). */
  setElection(electionId: string | null): void;
  /** Shows, on every screen from now on, the banner of a practice election (its definition's `practice`). */
  setPractice(practice: boolean): void;
}

function pageLinks(page: PageName, electionId: string | null): HTMLElement {
  const query = electionId ? `?election=${encodeURIComponent(electionId)}` : '';
  const links: [PageName, string, string][] = [
    ['vote', `/${query}`, t().navVote],
    ['verify', '/verify.html', t().navVerify],
    ['public', `/public.html${query}`, t().navPublic],
  ];
  return h(
    'nav',
    { class: 'site-nav', 'aria-label': 'Saylau' },
    h(
      'ul',
      null,
      links.map(([name, href, label]) =>
        h('li', null, h('a', { href, 'aria-current': name === page ? 'page' : undefined }, label)),
      ),
    ),
  );
}

function languageSwitch(): HTMLElement {
  const labelId = 'language-switch-label';
  return h(
    'div',
    { class: 'language-switch', role: 'group', 'aria-labelledby': labelId },
    h('span', { id: labelId, class: 'language-label' }, t().languageLabel),
    (Object.keys(LANGUAGE_NAMES) as Language[]).map((lang) =>
      h(
        'button',
        {
          type: 'button',
          class: 'language-button',
          lang,
          'aria-pressed': String(lang === language()),
          'data-language': lang,
          on: {
            click: () => {
              if (lang !== language()) setLanguage(lang);
            },
          },
        },
        LANGUAGE_NAMES[lang],
      ),
    ),
  );
}

export function mountLayout(page: PageName, onRerender: () => void): Layout {
  let electionId: string | null = null;
  let practice = false;
  let title = '';
  const skip = h('a', { class: 'skip-link', href: '#main' });
  const header = h('header', { class: 'site-header' });
  const main = h('main', { id: 'main', tabindex: -1 });
  const renderHeader = (): void => {
    skip.textContent = t().skipToContent;
    replaceChildren(
      header,
      h('div', { class: 'header-inner' }, h('p', { class: 'brand' }, 'Saylau'), pageLinks(page, electionId), languageSwitch()),
      // inside the header (a landmark), above every screen, in the page's language: never dismissable
      practice ? h('p', { class: 'practice-banner', id: 'practice-banner' }, t().practiceBanner) : null,
    );
  };
  renderHeader();
  replaceChildren(document.body, skip, header, main);
  onLanguageChange(() => {
    const focusedLanguage = (document.activeElement as HTMLElement | null)?.dataset.language;
    renderHeader();
    onRerender();
    // keep the keyboard where it was: on the language button just pressed
    if (focusedLanguage) header.querySelector<HTMLElement>(`[data-language="${focusedLanguage}"]`)?.focus();
  });
  return {
    main,
    setTitle(screenTitle: string) {
      title = screenTitle;
      document.title = `${title} — Saylau`;
    },
    setElection(id: string | null) {
      electionId = id;
      renderHeader();
    },
    setPractice(value: boolean) {
      if (value === practice) return;
      practice = value;
      renderHeader();
    },
  };
}
