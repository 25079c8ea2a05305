// The console's DeriveKeys for makeCredentials (@saylau/documents): the codes' keys computed by a few Web Workers
// (derive-worker.ts), each given the next code as soon as it is free, with progress after every key. The first key
// is also derived on the page, so the workers can never silently disagree with the crypto core.
import { decodeScalar, deriveCredentialKey, hexToBytes, type Scalar } from '@saylau/crypto';
import type { DeriveKeys } from '@saylau/documents';
import type { DeriveAnswer, DeriveRequest } from './derive-worker.ts';

/** At most this many workers: each scrypt holds 128 × N × r bytes. */
const MAX_WORKERS = 4;

export function workerDeriveKeys(onProgress: (done: number, total: number) => void): DeriveKeys {
  return async (codes, definition) => {
    const keys: Scalar[] = new Array(codes.length);
    if (codes.length === 0) return keys;
    const params = definition.credentialKdf;
    const count = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 2, codes.length));
    const workers = Array.from(
      { length: count },
      () => new Worker(new URL('./derive-worker.ts', import.meta.url), { type: 'module' }),
    );
    let next = 0;
    let done = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        const give = (worker: Worker): void => {
          if (next >= codes.length) return;
          const index = next++;
          worker.postMessage({ index, code: codes[index] as string, electionId: definition.id, params } satisfies DeriveRequest);
        };
        for (const worker of workers) {
          worker.addEventListener('message', (event: MessageEvent<DeriveAnswer>) => {
            const { index, key, error } = event.data;
            if (key === undefined) return reject(new Error(`the key derivation failed: ${error ?? 'no answer'}`));
            keys[index] = decodeScalar(hexToBytes(key));
            done += 1;
            onProgress(done, codes.length);
            if (done === codes.length) resolve();
            else give(worker);
          });
          worker.addEventListener('error', (event) => reject(new Error(`the key derivation worker failed: ${event.message}`)));
          give(worker);
        }
      });
    } finally {
      for (const worker of workers) worker.terminate();
    }
    if (deriveCredentialKey(codes[0] as string, definition.id, params) !== keys[0]) {
      throw new Error('the key derivation workers disagree with the crypto core');
    }
    return keys;
  };
}
