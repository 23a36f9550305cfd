import type pg from 'pg';
import type { Position } from '../position.js';
import type { CopyProgress } from './copy-events.js';

/**
 * A copy's progress in `tooling.event_moves` (migration 1763770000008), one row per target. The target is named
 * by its address without credentials, so copying into another cluster starts afresh.
 */
export class PostgresCopyProgress implements CopyProgress {
  constructor(
    private readonly pool: pg.Pool,
    readonly target: string,
  ) {}

  /** Events handled by earlier runs, as the row said when loaded: a resumed run counts on from there. */
  private earlierRuns = 0;

  async load(): Promise<Position | undefined> {
    const { rows } = await this.pool.query<{ commit_text: string; prepare_text: string; events_done: string }>(
      `SELECT commit_position::text AS commit_text, prepare_position::text AS prepare_text, events_done::text AS events_done
       FROM tooling.event_moves WHERE target = $1`,
      [this.target],
    );
    this.earlierRuns = rows[0] ? Number(rows[0].events_done) : 0;
    return rows[0] ? { commit: BigInt(rows[0].commit_text), prepare: BigInt(rows[0].prepare_text) } : undefined;
  }

  async save(position: Position, eventsDone: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO tooling.event_moves (target, commit_position, prepare_position, events_done) VALUES ($1, $2, $3, $4)
       ON CONFLICT (target) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position,
         events_done = excluded.events_done, updated_at = now()`,
      [this.target, position.commit.toString(), position.prepare.toString(), this.earlierRuns + eventsDone],
    );
  }

  /** Events handled in all runs so far, as last saved. */
  async eventsDone(): Promise<number> {
    const { rows } = await this.pool.query<{ events_done: string }>(`SELECT events_done::text AS events_done FROM tooling.event_moves WHERE target = $1`, [this.target]);
    return rows[0] ? Number(rows[0].events_done) : 0;
  }

  /** Forgets the progress (the next copy starts from the beginning and skips what the target has). */
  async reset(): Promise<void> {
    await this.pool.query(`DELETE FROM tooling.event_moves WHERE target = $1`, [this.target]);
  }
}

/** A connection string may carry a username and password: the progress row is keyed without them. */
export function copyTargetName(url: string): string {
  return url.replace(/\/\/[^@/?#]*@/, '//');
}
