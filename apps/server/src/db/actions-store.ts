// The commission's actions log (docs/api.md): one row per commission request and per sign-in, sign-out,
// enrollment and invitation, written before the request runs and given its status after; never a token or a body.
import type { Db } from './open.ts';

export interface ActionRow {
  readonly id: number;
  readonly at: string;
  /** 'member' or 'admin-token'. */
  readonly actor: string;
  readonly member: number | null;
  readonly member_name: string | null;
  readonly method: string;
  readonly route: string;
  readonly election_id: string | null;
  readonly status: number | null;
}

export interface NewAction {
  readonly at: string;
  readonly actor: 'member' | 'admin-token';
  readonly member: number | null;
  readonly memberName: string | null;
  readonly method: string;
  readonly route: string;
  readonly electionId: string | null;
}

export class ActionsStore {
  private readonly beginStmt;
  private readonly finishStmt;
  private readonly listStmt;
  private readonly listElectionStmt;

  constructor(db: Db) {
    this.beginStmt = db.prepare<[string, string, number | null, string | null, string, string, string | null], { id: number }>(
      `INSERT INTO commission_actions (at, actor, member, member_name, method, route, election_id)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.finishStmt = db.prepare<[number, number]>('UPDATE commission_actions SET status = ? WHERE id = ?');
    const columns = 'id, at, actor, member, member_name, method, route, election_id, status';
    this.listStmt = db.prepare<[number, number], ActionRow>(
      `SELECT ${columns} FROM commission_actions WHERE id > ? ORDER BY id LIMIT ?`,
    );
    this.listElectionStmt = db.prepare<[string, number, number], ActionRow>(
      `SELECT ${columns} FROM commission_actions WHERE election_id = ? AND id > ? ORDER BY id LIMIT ?`,
    );
  }

  /** Records an action as it begins: its id. */
  begin(action: NewAction): number {
    const { at, actor, member, memberName, method, route, electionId } = action;
    return (this.beginStmt.get(at, actor, member, memberName, method, route, electionId) as { id: number }).id;
  }

  finish(id: number, status: number): void {
    this.finishStmt.run(status, id);
  }

  /** Up to `limit` actions after id `after`, oldest first; of one election when it is given. */
  list(electionId: string | null, after: number, limit: number): ActionRow[] {
    return electionId === null ? this.listStmt.all(after, limit) : this.listElectionStmt.all(electionId, after, limit);
  }
}
