// The demo's witnesses (spec §5.9): two independent observers, run in this process with the same code as
// `saylau witness`, each with its own key and state file. They look at the board every interval and co-sign each
// new head; the demo makes them catch up before a voter checks a receipt and before the record is exported.
import { join } from 'node:path';
import { bytesToHex, encodePoint, generateKeyPair, type Scalar } from '@saylau/crypto';
import type { Witnesses } from '@saylau/protocol';
import { ApiClient } from '../cli/client.ts';
import { Witness } from '../witness/witness.ts';

export interface DemoWitnessKeys {
  /** What the definition names. */
  readonly witnesses: Witnesses;
  readonly secrets: readonly { readonly id: string; readonly secretKey: Scalar }[];
}

/** Two witness keys and the definition's `witnesses` naming them, with a quorum of both. */
export function demoWitnessKeys(): DemoWitnessKeys {
  const secrets = ['witness-a', 'witness-b'].map((id) => ({ id, ...generateKeyPair() }));
  return {
    witnesses: {
      members: secrets.map((w, i) => ({
        id: w.id,
        name: `Demo observer ${i + 1}`,
        publicKey: bytesToHex(encodePoint(w.publicKey)),
      })),
      quorum: secrets.length,
    },
    secrets: secrets.map(({ id, secretKey }) => ({ id, secretKey })),
  };
}

/** The witnesses following one election: one round at a time, every interval and on demand. */
export class DemoWitnesses {
  private chain: Promise<void> = Promise.resolve();
  private queued = false;
  private failure: unknown;
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly witnesses: readonly Witness[]) {}

  static async open(server: string, election: string, keys: DemoWitnessKeys, folder: string): Promise<DemoWitnesses> {
    const witnesses = await Promise.all(
      keys.secrets.map((w) =>
        Witness.open({
          client: new ApiClient(server),
          election,
          secretKey: w.secretKey,
          stateFile: join(folder, `${w.id}.state`),
        }),
      ),
    );
    return new DemoWitnesses(witnesses);
  }

  /** Looks at the board every intervalMs until stop(). */
  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.queued) return;
      this.queued = true;
      void this.round().finally(() => {
        this.queued = false;
      });
    }, intervalMs);
  }

  /** A round now, after any in progress; rejects if any witness refused or failed since the last call. */
  async catchUp(): Promise<void> {
    await this.round();
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.chain;
  }

  /** Each witness steps once; rounds never overlap, so a state file is never written by two at once. */
  private round(): Promise<void> {
    this.chain = this.chain.then(async () => {
      for (const witness of this.witnesses) {
        try {
          await witness.step();
        } catch (error) {
          this.failure ??= error;
        }
      }
    });
    return this.chain;
  }
}
