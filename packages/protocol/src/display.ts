// How public values are shown to people, in one place: the letter, the booth and the second device must show a
// credential the same way, or a voter cannot compare them (the clash attack, test/attacks/clash.attack.test.ts).

/** A credential's public key in short form: its first and last 8 hex characters. */
export function shortCredential(hex: string): string {
  return `${hex.slice(0, 8)}…${hex.slice(-8)}`;
}
