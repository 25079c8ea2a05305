// Second-device verification counters and sealed seeds on PostgreSQL (../verifications-store.ts). A deleted seal
// leaves a dead row version until VACUUM reclaims it (autovacuum does, within minutes on a busy table); the
// deployment guide says so, as SQLite's secure_delete has no PostgreSQL equivalent.
import type { AsyncStore } from '../storage.ts';
import type { SealRow, VerificationsStore } from '../verifications-store.ts';
import type { PgConnection } from './connection.ts';

export class PgVerificationsStore implements AsyncStore<VerificationsStore> {
  constructor(private readonly pg: PgConnection) {}

  async fetches(electionId: string, ballotHash: string): Promise<number> {
    const rows = await this.pg.rows<{ fetches: number }>(
      'SELECT fetches FROM verifications WHERE election_id = $1 AND ballot_hash = $2',
      [electionId, ballotHash],
    );
    return rows[0]?.fetches ?? 0;
  }

  async bump(electionId: string, ballotHash: string): Promise<void> {
    await this.pg.rows(
      `INSERT INTO verifications (election_id, ballot_hash, fetches) VALUES ($1, $2, 1)
       ON CONFLICT (election_id, ballot_hash) DO UPDATE SET fetches = verifications.fetches + 1`,
      [electionId, ballotHash],
    );
  }

  async insertSeal(
    electionId: string,
    ballotHash: string,
    seal: Omit<SealRow, 'nonce' | 'sealed'> & { nonce: string; sealed: string },
  ): Promise<boolean> {
    const result = await this.pg.result(
      `INSERT INTO verification_seals (election_id, ballot_hash, access_hash, nonce, sealed, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (election_id, ballot_hash) DO NOTHING`,
      [electionId, ballotHash, seal.access_hash, seal.nonce, seal.sealed, seal.expires_at],
    );
    return result.rowCount === 1;
  }

  async seal(electionId: string, ballotHash: string): Promise<SealRow | undefined> {
    // FOR UPDATE: two servers answering the same fetch at once count it twice, not zero times
    const rows = await this.pg.rows<SealRow>(
      'SELECT access_hash, nonce, sealed, expires_at FROM verification_seals WHERE election_id = $1 AND ballot_hash = $2 FOR UPDATE',
      [electionId, ballotHash],
    );
    return rows[0];
  }

  async eraseSeal(electionId: string, ballotHash: string): Promise<void> {
    await this.pg.rows('UPDATE verification_seals SET nonce = NULL, sealed = NULL WHERE election_id = $1 AND ballot_hash = $2', [
      electionId,
      ballotHash,
    ]);
  }

  async purgeSeals(now: number): Promise<number> {
    return (await this.pg.result('DELETE FROM verification_seals WHERE expires_at <= $1', [now])).rowCount ?? 0;
  }
}
