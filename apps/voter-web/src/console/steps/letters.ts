// Step "letters" (being built).
import { h, replaceChildren } from '../../dom.ts';
import type { Step } from '../step.ts';

export const lettersStep: Step = {
  id: 'letters',
  available: () => ({ ok: true }),
  render(host) {
    replaceChildren(host, h('h2', { id: 'step-title', tabindex: -1 }, 'letters'));
  },
};
