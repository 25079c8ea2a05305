// How the console says what went wrong: the server's code always, with the step's own sentence in the member's
// language when the step knows the code, else the server's message. A key file that will not open says why.
import type { Language } from '@saylau/protocol';
import { KeyFileError } from '@saylau/protocol/commission-client';
import { ApiError } from '../../api.ts';
import { SHELL_TEXTS } from '../texts/shell.ts';

/** A step's sentences for the error codes it expects, in each language. */
export type KnownErrors = Readonly<Record<Language, Readonly<Record<string, string>>>>;

/** The sentence for an error: "CODE: sentence". Programmer errors (not a refusal) are rethrown. */
export function errorText(error: unknown, language: Language, known?: KnownErrors): string {
  const s = SHELL_TEXTS[language];
  // the member closed the key dialog (key-prompt.ts): its message is already in the member's language
  if (error instanceof Error && error.name === 'KeyCancelled') return s.keyCancelled;
  if (error instanceof KeyFileError) {
    if (error.code === 'WRONG_PASSPHRASE') return s.wrongPassphrase;
    if (error.code === 'NOT_A_KEY_FILE') return s.notAKeyFile;
    return `${error.code}: ${error.message}`;
  }
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return s.networkError;
    if (error.code === 'WRONG_KEY_FILE') return s.wrongKey;
    if (error.code === 'FINGERPRINT_MISMATCH') return s.fingerprintMismatch;
    const own = known?.[language][error.code];
    return own ? `${error.code}: ${own}` : s.serverError(error.code, error.message);
  }
  throw error;
}
