// Step "register" (being built).
import { h, replaceChildren } from '../../dom.ts';
import type { Step } from '../step.ts';

export const registerStep: Step = {
  id: 'register',
  available: () => ({ ok: true }),
  render(host) {
    replaceChildren(host, h('h2', { id: 'step-title', tabindex: -1 }, 'register'));
  },
};
