// The console's steps in their order; a step not listed here shows as a disabled tab. Each step is its own module.
import type { Step, StepId } from '../step.ts';
import { defineStep } from './define.ts';
import { lettersStep } from './letters.ts';
import { registerStep } from './register.ts';

export const STEPS: Readonly<Partial<Record<StepId, Step>>> = {
  define: defineStep,
  register: registerStep,
  letters: lettersStep,
};
