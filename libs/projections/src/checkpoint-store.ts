import { START, type Position } from '#event-store';
import type { DataSource, EntityManager } from 'typeorm';

interface CheckpointRow {
  commit_position: string;
  prepare_position: string;
}

const toPosition = (row: CheckpointRow | undefined): Position =>
  row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : START;

export async function readCheckpoint(dataSource: DataSource | EntityManager, projection: string): Promise<Position> {
  const rows: CheckpointRow[] = await dataSource.query(
    `SELECT commit_position::text, prepare_position::text FROM read_model.projection_checkpoints WHERE projection = $1`,
    [projection],
  );
  return toPosition(rows[0]);
}

/** Locks the projection's checkpoint row for this transaction, so two processes never apply the same batch. */
export async function lockCheckpoint(manager: EntityManager, projection: string): Promise<Position> {
  await manager.query(
    `INSERT INTO read_model.projection_checkpoints (projection, commit_position, prepare_position)
     VALUES ($1, 0, 0) ON CONFLICT (projection) DO NOTHING`,
    [projection],
  );
  const rows: CheckpointRow[] = await manager.query(
    `SELECT commit_position::text, prepare_position::text FROM read_model.projection_checkpoints
     WHERE projection = $1 FOR UPDATE`,
    [projection],
  );
  return toPosition(rows[0]);
}

export async function saveCheckpoint(manager: EntityManager, projection: string, position: Position): Promise<void> {
  await manager.query(
    `UPDATE read_model.projection_checkpoints SET commit_position = $2, prepare_position = $3, updated_at = now()
     WHERE projection = $1`,
    [projection, position.commit.toString(), position.prepare.toString()],
  );
}
