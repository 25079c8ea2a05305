// A Web Worker that turns credential codes into their keys (spec §2.8's scrypt, deriveCredentialKey of the crypto
// core, with the definition's parameters), one code per message, so the console's page stays responsive and
// several cores work at once. The codes never leave the browser: the worker answers the scalar to the page only.
import { bytesToHex, deriveCredentialKey, encodeScalar, type KdfParams } from '@saylau/crypto';

export interface DeriveRequest {
  readonly index: number;
  readonly code: string;
  readonly electionId: string;
  readonly params: KdfParams;
}

export interface DeriveAnswer {
  readonly index: number;
  /** The key as 32 bytes of hex, or the error's message. */
  readonly key?: string;
  readonly error?: string;
}

self.addEventListener('message', (event: MessageEvent<DeriveRequest>) => {
  const { index, code, electionId, params } = event.data;
  try {
    const key = deriveCredentialKey(code, electionId, params);
    self.postMessage({ index, key: bytesToHex(encodeScalar(key)) } satisfies DeriveAnswer);
  } catch (error) {
    self.postMessage({ index, error: error instanceof Error ? error.message : String(error) } satisfies DeriveAnswer);
  }
});
