// When verifying a batch fails (a worker threw, crashed, exited or hung), the batch is halved and each half
// verified again, so the ballots that verify get their own answers and only a ballot that fails on its own is
// refused. A ballot that makes the verifier fail costs its batch O(log n) extra jobs, never other voters' ballots.
import { problem } from '@saylau/protocol';
import type { ElectionSpec, Verifier } from './verifier.ts';
import type { VerifyItem, VerifyOutcome } from './verify-batch.ts';

export class IsolatingVerifier implements Verifier {
  private closing = false;

  constructor(
    private readonly inner: Verifier,
    /** Where a ballot that fails the verifier on its own is reported: it is a bug of ours, or an attack on one. */
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  get capacity(): number {
    return this.inner.capacity;
  }

  get alive(): number {
    return this.inner.alive ?? this.inner.capacity;
  }

  async verify(spec: ElectionSpec, items: readonly VerifyItem[]): Promise<VerifyOutcome[]> {
    try {
      return await this.inner.verify(spec, items);
    } catch (error) {
      if (this.closing) throw error;
      if (items.length === 1) {
        this.log('a ballot made the verifier fail; it is refused as UNVERIFIABLE_BALLOT', error);
        return [{ hash: null, problems: [problem('UNVERIFIABLE_BALLOT')], alphas: [] }];
      }
      const half = Math.ceil(items.length / 2);
      const [first, second] = await Promise.all([this.verify(spec, items.slice(0, half)), this.verify(spec, items.slice(half))]);
      return [...first, ...second];
    }
  }

  close(): Promise<void> {
    this.closing = true;
    return this.inner.close();
  }
}
