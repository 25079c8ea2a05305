// What `saylau --version` prints: the version of the root package.json and the git commit the command was built from.
// The bundle (scripts/build.mjs) fixes both at build time; run from the sources, the version is read from the checkout.
import { readFileSync } from 'node:fs';

interface BuildInfo {
  readonly version: string;
  readonly commit: string | null;
}

// Replaced by the build's define with a literal object; undeclared (typeof "undefined") when run through tsx.
declare const SAYLAU_BUILD: BuildInfo | undefined;

/** "saylau 0.1.0 (commit 0123456789ab)", or "(from the sources)" when not built. */
export function versionText(): string {
  if (typeof SAYLAU_BUILD !== 'undefined') {
    return `saylau ${SAYLAU_BUILD.version}${SAYLAU_BUILD.commit ? ` (commit ${SAYLAU_BUILD.commit})` : ''}`;
  }
  const root = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return `saylau ${root.version ?? '0.0.0'} (from the sources)`;
}
