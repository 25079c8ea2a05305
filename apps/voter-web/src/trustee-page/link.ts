// The trustee's invitation link: /trustee.html#election=ID&trustee=N&token=HEX. The token is in the fragment, which
// a browser never sends to a server (neither in the request line nor in a Referer), and it stays there so that a
// reload before the key is enrolled loses nothing; it enrolls this trustee once.

export interface Invitation {
  readonly election: string;
  readonly trustee: number;
  /** The enrollment token; absent in a link without it (enough to unlock a key file and decrypt later). */
  readonly token: string | null;
}

export function invitationFromLocation(hash: string = location.hash): Invitation | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const election = params.get('election');
  const trustee = Number(params.get('trustee'));
  const token = params.get('token');
  if (!election || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(election)) return null;
  if (!Number.isInteger(trustee) || trustee < 1 || trustee > 1000) return null;
  return { election, trustee, token: token && /^[0-9A-Za-z_-]{8,200}$/.test(token) ? token : null };
}

/** The link `invitationFromLocation` reads, as the console shows it (`saylau ceremony start` prints the same). */
export function invitationLink(origin: string, invitation: Invitation & { readonly token: string }): string {
  const fragment = new URLSearchParams({
    election: invitation.election,
    trustee: String(invitation.trustee),
    token: invitation.token,
  });
  return `${origin}/trustee.html#${fragment}`;
}
