// How public values are shown to people, in one place: the letter, the booth and the second device must show a
// credential the same way, or a voter cannot compare them (the clash attack, test/attacks/clash.attack.test.ts).

/** A credential's public key in short form: its first and last 8 hex characters. */
export function shortCredential(hex: string): string {
  return `${hex.slice(0, 8)}…${hex.slice(-8)}`;
}

/**
 * An option's share of a question's ballots, in percent rounded to one decimal (half up), as the CLI, the public page
 * and the verifier's report all show it; null when there was no ballot. For approval questions the shares add up to
 * more than 100 %: each is the part of the ballots that chose the option, never of the selections.
 */
export function sharePercent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((1000 * part) / whole) / 10;
}

/** sharePercent as text: "66.7%", or "–" when there was no ballot. */
export function shareText(part: number, whole: number): string {
  const share = sharePercent(part, whole);
  return share === null ? '–' : `${share.toFixed(1)}%`;
}
