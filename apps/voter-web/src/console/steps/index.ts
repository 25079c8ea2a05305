// The console's steps in their order; a step not listed here shows as a disabled tab. Each step is its own module.
import type { Step, StepId } from '../step.ts';
import { afterCloseStep } from './after-close.ts';
import { ceremonyStep } from './ceremony.ts';
import { defineStep } from './define.ts';
import { lettersStep } from './letters.ts';
import { registerStep } from './register.ts';
import { votingStep } from './voting.ts';

export const STEPS: Readonly<Partial<Record<StepId, Step>>> = {
  define: defineStep,
  register: registerStep,
  letters: lettersStep,
  ceremony: ceremonyStep,
  voting: votingStep,
  'after-close': afterCloseStep,
};
