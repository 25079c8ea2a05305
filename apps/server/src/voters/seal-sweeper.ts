// Deleting the second device's sealed seeds when their window ends (spec §3.6.6): a timer, not a request, does it,
// so a seal goes within `sweepMs` of its window's end even if nobody asks the server anything after voting.
import type { Services } from '../services.ts';

export interface SealSweeper {
  stop(): void;
}

/** Deletes every sealed seed whose window has ended (by the server's clock); returns how many went. */
export function sweepSeals(services: Services): Promise<number> {
  return services.storage.verifications.purgeSeals(services.config.now());
}

/** Sweeps now (a restarted server deletes what expired while it was down), then every `sweepMs`. */
export function startSealSweeper(services: Services, log: (message: string, error: unknown) => void): SealSweeper {
  const sweep = (): void => {
    sweepSeals(services).catch((error: unknown) => {
      // a busy or failing database: the seals stay until the next sweep, which tries again
      log('deleting expired verification seals failed', error);
    });
  };
  sweep();
  const timer = setInterval(sweep, services.config.verification.sweepMs);
  // the sweeper alone never keeps the process alive
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
