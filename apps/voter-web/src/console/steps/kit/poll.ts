// Live panels (ceremony status, turnout, tree head, decryption): a read every few seconds, the next one only after
// the last has answered, stopped when the member leaves the step or the console re-renders.
import type { StepContext } from '../../step.ts';

export function poll(context: Pick<StepContext, 'onLeave'>, everyMs: number, tick: () => Promise<void>): void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async (): Promise<void> => {
    if (stopped) return;
    try {
      await tick();
    } finally {
      if (!stopped) timer = setTimeout(() => void run(), everyMs);
    }
  };
  context.onLeave(() => {
    stopped = true;
    clearTimeout(timer);
  });
  void run();
}

/** Session storage that may be disabled (private mode, policy): then the value lasts as long as the page. */
export const draftStore = {
  get(key: string): string | null {
    try {
      return sessionStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      sessionStorage.setItem(key, value);
    } catch {
      // storage disabled: the draft lives in the page only
    }
  },
};
