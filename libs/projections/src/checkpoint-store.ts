import { START, type Position } from '#event-store';
import type { SqlRunner } from './projection.js';

interface CheckpointRow {
  commit_position: string;
  prepare_position: string;
}

const toPosition = (row: CheckpointRow | undefined): Position =>
  row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : START;

export async function readCheckpoint(dataSource: SqlRunner, projection: string): Promise<Position> {
  const rows: CheckpointRow[] = await dataSource.query(
    `SELECT commit_position::text, prepare_position::text FROM read_model.projection_checkpoints WHERE projection = $1`,
    [projection],
  );
  return toPosition(rows[0]);
}

/**
 * Locks the projection's checkpoint row for this transaction, so two processes never apply the same batch. A new
 * row starts at the start of the log and records `version`, the version of the code that will build its tables.
 */
export async function lockCheckpoint(manager: SqlRunner, projection: string, version = 1): Promise<Position> {
  await manager.query(
    `INSERT INTO read_model.projection_checkpoints (projection, commit_position, prepare_position, version)
     VALUES ($1, 0, 0, $2) ON CONFLICT (projection) DO NOTHING`,
    [projection, version],
  );
  const rows: CheckpointRow[] = await manager.query(
    `SELECT commit_position::text, prepare_position::text FROM read_model.projection_checkpoints
     WHERE projection = $1 FOR UPDATE`,
    [projection],
  );
  return toPosition(rows[0]);
}

export async function saveCheckpoint(manager: SqlRunner, projection: string, position: Position): Promise<void> {
  await manager.query(
    `UPDATE read_model.projection_checkpoints SET commit_position = $2, prepare_position = $3, updated_at = now()
     WHERE projection = $1`,
    [projection, position.commit.toString(), position.prepare.toString()],
  );
}

/** What a projection's checkpoint row says: how far it got, and which version of its code built its tables. */
export interface CheckpointInfo {
  readonly position: Position;
  /** Null when the projection has not started yet. */
  readonly version: number | null;
  readonly rebuiltAt: Date | null;
}

export async function readCheckpointInfo(dataSource: SqlRunner, projection: string): Promise<CheckpointInfo> {
  const rows: (CheckpointRow & { version: number; rebuilt_at: Date | null })[] = await dataSource.query(
    `SELECT commit_position::text, prepare_position::text, version, rebuilt_at FROM read_model.projection_checkpoints WHERE projection = $1`,
    [projection],
  );
  return { position: toPosition(rows[0]), version: rows[0]?.version ?? null, rebuiltAt: rows[0]?.rebuilt_at ?? null };
}
