// The commission's actions log on PostgreSQL (../actions-store.ts).
import type { ActionRow, ActionsStore, NewAction } from '../actions-store.ts';
import type { AsyncStore } from '../storage.ts';
import type { PgConnection } from './connection.ts';

const COLUMNS = 'id, at, actor, member, member_name, method, route, election_id, status';

export class PgActionsStore implements AsyncStore<ActionsStore> {
  constructor(private readonly pg: PgConnection) {}

  async begin(action: NewAction): Promise<number> {
    const { at, actor, member, memberName, method, route, electionId } = action;
    const rows = await this.pg.rows<{ id: number }>(
      `INSERT INTO commission_actions (at, actor, member, member_name, method, route, election_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [at, actor, member, memberName, method, route, electionId],
    );
    return (rows[0] as { id: number }).id;
  }

  async finish(id: number, status: number): Promise<void> {
    await this.pg.rows('UPDATE commission_actions SET status = $1 WHERE id = $2', [status, id]);
  }

  async list(electionId: string | null, after: number, limit: number): Promise<ActionRow[]> {
    return electionId === null
      ? this.pg.rows<ActionRow>(`SELECT ${COLUMNS} FROM commission_actions WHERE id > $1 ORDER BY id LIMIT $2`, [after, limit])
      : this.pg.rows<ActionRow>(
          `SELECT ${COLUMNS} FROM commission_actions WHERE election_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
          [electionId, after, limit],
        );
  }
}
