// The tamper suite's tools: the honest record, and the attacker's edit-and-reseal. Every tampered record is
// re-sealed as a capable attacker would: the copies and the manifest are recomputed, and after an edit that moves
// events the seq numbers too. The attacker lacks the board key, so by default the old signed heads are kept (and
// the head checks catch the change); a test about a deeper check may grant the board key (`resign`) to show that
// the deeper check catches the change even then.

import { expect } from 'vitest';
import { type CheckId, type Report, verifyRecord } from '../../apps/verifier/src/index.ts';
import { clone, honestSimulation, renumber, resignHeads, sealFiles } from '../../apps/verifier/test/fixture.ts';
import { bytesToHex, decodePoint, encodePoint, encodeScalar, G, hexToBytes, ORDER } from '../../packages/crypto/src/index.ts';
import {
  type BoardEventJson,
  type EventJsonOf,
  type EventType,
  type SignedTreeHeadJson,
  signTrusteeRequest,
  type TrusteeStatementType,
} from '../../packages/protocol/src/index.ts';
import type { Simulation } from '../../packages/protocol/src/node.ts';

export interface Board {
  events: BoardEventJson[];
  heads: SignedTreeHeadJson[];
}

export interface TamperOptions {
  /** Set every seq to its index after the edit (needed after inserting, removing or moving events). */
  readonly renumber?: boolean;
  /** Re-sign every head over the edited board with the board's secret key. */
  readonly resign?: boolean;
  /** Edits the data files before the manifest is computed (the manifest then vouches for the edited files). */
  readonly editData?: (files: Map<string, Uint8Array>) => void;
  /** Edits the sealed files after the manifest is computed (so the manifest no longer matches them). */
  readonly files?: (files: Map<string, Uint8Array>) => void;
}

let cached: Simulation | undefined;

/**
 * Ballot slices already checked in this file, reused when a tampered record holds exactly the same slice in the same
 * context (most changes touch one ballot or none); small slices so one changed ballot costs little.
 */
const SLICES = { workers: 0, sliceSize: 6, sliceCache: new Map() } as const;

/** The honest simulated election (one per test file). */
export function honest(): Simulation {
  cached ??= honestSimulation();
  return cached;
}

/** Applies an edit to a copy of the honest board and reseals it. */
export function tamper(edit: (board: Board, sim: Simulation) => void, options: TamperOptions = {}): Map<string, Uint8Array> {
  const sim = honest();
  const board: Board = { events: clone(sim.events), heads: clone(sim.treeHeads) };
  edit(board, sim);
  if (options.renumber) renumber(board.events);
  const heads = options.resign ? resignHeads(board.events, sim.treeHeads, sim.secrets.boardSecret) : board.heads;
  const files = sealFiles(board.events, heads, options.editData);
  options.files?.(files);
  return files;
}

/** The failed checks of a record. */
export async function failedChecks(
  files: Map<string, Uint8Array>,
  options: Parameters<typeof verifyRecord>[1] = {},
): Promise<CheckId[]> {
  const report = await verifyRecord(files, { ...SLICES, ...options });
  if (!report.readable) throw new Error(`the tampered record is unreadable: ${JSON.stringify(report.problems)}`);
  return report.checks.filter((c) => c.failed > 0).map((c) => c.id);
}

/** Verifies and asserts that `id` is among the failed checks; returns the report for closer looks. */
export async function expectCaught(
  files: Map<string, Uint8Array>,
  id: CheckId,
  options: Parameters<typeof verifyRecord>[1] = {},
): Promise<Report> {
  const report = await verifyRecord(files, { ...SLICES, ...options });
  if (!report.readable) throw new Error(`the tampered record is unreadable: ${JSON.stringify(report.problems)}`);
  const failed = report.checks.filter((c) => c.failed > 0).map((c) => c.id);
  expect(failed, `expected ${id} to fail`).toContain(id);
  return report;
}

/**
 * Signs a trustee's event afresh with that trustee's own key (from the simulation's secrets), in place: a case
 * about a dishonest trustee grants the attacker its key, as `resign` grants the board key.
 */
export function resignAsTrustee(event: BoardEventJson & { type: TrusteeStatementType; trustee: number }, sim: Simulation): void {
  const { seq: _seq, time: _time, signature: _old, ...content } = event as unknown as Record<string, unknown>;
  const trustee = sim.secrets.trustees[event.trustee - 1];
  if (!trustee) throw new Error(`no trustee ${event.trustee} in the simulation`);
  const signed = signTrusteeRequest(trustee.secretKey, sim.fingerprint, event.trustee, event.type, content);
  Object.assign(event, { signature: signed.signature });
}

// ---- finding things on the board ----

export function ofType<T extends EventType>(board: Board, type: T): EventJsonOf<T>[] {
  return board.events.filter((e): e is EventJsonOf<T> => e.type === type);
}

export function first<T extends EventType>(board: Board, type: T): EventJsonOf<T> {
  const event = ofType(board, type)[0];
  if (!event) throw new Error(`no ${type} event`);
  return event;
}

/** The ballots of credentials that voted twice (a re-vote pair: [first, second]). */
export function revotePair(board: Board): [EventJsonOf<'ballot'>, EventJsonOf<'ballot'>] {
  const ballots = ofType(board, 'ballot');
  for (const second of ballots) {
    if (second.supersedes === null) continue;
    const earlier = ballots.find((b) => b.ballot.credential === second.ballot.credential && b.seq < second.seq);
    if (earlier) return [earlier, second];
  }
  throw new Error('no re-vote in the simulation');
}

/** A ballot that is counted: the last of its credential, whose voter did not vote on paper. */
export function countedBallot(board: Board, sim: Simulation): EventJsonOf<'ballot'> {
  const paper = new Set(sim.secrets.voters.filter((v) => v.paper).map((v) => v.credential));
  const ballots = ofType(board, 'ballot');
  const found = ballots.find(
    (b) =>
      !paper.has(b.ballot.credential) &&
      !ballots.some((later) => later.seq > b.seq && later.ballot.credential === b.ballot.credential),
  );
  if (!found) throw new Error('no counted ballot');
  return found;
}

// ---- byte-level edits ----

/** A different valid point: P + G (an attacker who flips bytes keeps trying until the result decodes). */
export function otherPoint(hex: string): string {
  return bytesToHex(encodePoint(decodePoint(hexToBytes(hex), { allowIdentity: true }).add(G)));
}

/** Flips one byte of a point's encoding, choosing the first flip that still decodes canonically. */
export function flipPointByte(hex: string): string {
  const bytes = hexToBytes(hex);
  for (let i = 0; i < 32; i++) {
    for (const mask of [0x02, 0x04, 0x08, 0x10, 0x20, 0x40]) {
      const copy = bytes.slice();
      copy[i] = (copy[i] as number) ^ mask;
      try {
        decodePoint(copy);
        return bytesToHex(copy);
      } catch {
        // that flip is not a canonical point; try the next
      }
    }
  }
  throw new Error('no canonical flip found');
}

/** Flips the lowest bit of a scalar's first byte (still < ℓ). */
export function flipScalarByte(hex: string): string {
  const bytes = hexToBytes(hex);
  bytes[0] = (bytes[0] as number) ^ 0x01;
  return bytesToHex(bytes);
}

/**
 * The 32-byte little-endian value of `hex` plus `modulus`: a non-canonical encoding of an equal value, which a
 * canonical decoder must reject. Throws when the sum no longer fits in 32 bytes.
 */
function plusModulus(hex: string, modulus: bigint): string {
  const bytes = hexToBytes(hex);
  let v = bytes.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n) + modulus;
  if (v >= 1n << 256n) throw new Error('the value is too large to add the modulus');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return bytesToHex(out);
}

/** The same scalar plus ℓ (spec §2.1 rejects scalars ≥ ℓ). */
export function nonCanonicalScalar(hex: string): string {
  return plusModulus(hex, ORDER);
}

/** A non-canonical encoding of a point: the field element s + p (RFC 9496 §4.3.1 rejects s ≥ p). */
export function nonCanonicalPoint(hex: string): string {
  return plusModulus(hex, (1n << 255n) - 19n);
}

export const IDENTITY_HEX = '00'.repeat(32);

export { bytesToHex, encodeScalar };
