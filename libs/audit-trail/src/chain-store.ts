import { START, type Position } from '#event-store';
import type { DataSource, EntityManager } from 'typeorm';
import type { Checkpoint } from './checkpoint-signature.js';

/** One event's link in the chain, as `audit.event_chain` holds it. */
export interface ChainLink {
  readonly sequence: number;
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: bigint;
  /** "commit/prepare", as the event-store port gave it when the event was chained. */
  readonly position: string;
  readonly contentHash: Buffer;
  readonly chainHash: Buffer;
}

type Queryable = DataSource | EntityManager;

interface LinkRow {
  sequence: string;
  event_id: string;
  stream_name: string;
  revision: string;
  position: string;
  content_hash: Buffer;
  chain_hash: Buffer;
}

interface CheckpointRow {
  sequence: string;
  position: string;
  event_id: string;
  chain_hash: Buffer;
  created_at: Date;
  key_id: string;
  signature: Buffer;
}

// Read as text (bigint), so ORDER BY must name the table's column (c.sequence), not the text output of the same name.
const LINK_COLUMNS = `sequence::text, event_id::text, stream_name, revision::text, position, content_hash, chain_hash`;
const CHECKPOINT_COLUMNS = `sequence::text, position, event_id::text, chain_hash, created_at, key_id, signature`;

/** Taken by every writer of the chain for its transaction, so two processes never chain the same events twice. */
const CHAIN_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('unioncase:audit:event_chain', 0))`;

export function parsePosition(text: string): Position {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a log position: "${text}"`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

function toLink(row: LinkRow): ChainLink {
  return {
    sequence: Number(row.sequence),
    eventId: row.event_id,
    streamName: row.stream_name,
    revision: BigInt(row.revision),
    position: row.position,
    contentHash: row.content_hash,
    chainHash: row.chain_hash,
  };
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    sequence: Number(row.sequence),
    position: row.position,
    eventId: row.event_id,
    chainHash: row.chain_hash.toString('hex'),
    createdAt: row.created_at.toISOString(),
    keyId: row.key_id,
    signature: row.signature.toString('base64'),
  };
}

/** SQL over the `audit` schema: the chain and its checkpoints. */
export const chainStore = {
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(CHAIN_LOCK);
  },

  /** The last link; undefined while nothing is chained. */
  async head(db: Queryable): Promise<ChainLink | undefined> {
    const rows: LinkRow[] = await db.query(`SELECT ${LINK_COLUMNS} FROM audit.event_chain c ORDER BY c.sequence DESC LIMIT 1`);
    return rows[0] && toLink(rows[0]);
  },

  /** Where the chain continues in the log: after its last link, or from the start. */
  async headPosition(db: Queryable): Promise<Position> {
    const head = await chainStore.head(db);
    return head ? parsePosition(head.position) : START;
  },

  async append(manager: EntityManager, links: readonly ChainLink[]): Promise<void> {
    if (!links.length) return;
    await manager.query(
      `INSERT INTO audit.event_chain (sequence, event_id, stream_name, revision, position, content_hash, chain_hash)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::bytea[], $7::bytea[])`,
      [
        links.map((link) => link.sequence),
        links.map((link) => link.eventId),
        links.map((link) => link.streamName),
        links.map((link) => link.revision.toString()),
        links.map((link) => link.position),
        links.map((link) => link.contentHash),
        links.map((link) => link.chainHash),
      ],
    );
  },

  /** Links after `afterSequence`, in sequence order, at most `limit`. */
  async links(db: Queryable, afterSequence: number, limit: number, upTo = Number.MAX_SAFE_INTEGER): Promise<ChainLink[]> {
    const rows: LinkRow[] = await db.query(
      `SELECT ${LINK_COLUMNS} FROM audit.event_chain c WHERE c.sequence > $1 AND c.sequence <= $2 ORDER BY c.sequence LIMIT $3`,
      [afterSequence, upTo, limit],
    );
    return rows.map(toLink);
  },

  /** The first link of the event (an id may recur in EventStoreDB, in another stream). */
  async linkOf(db: Queryable, eventId: string): Promise<ChainLink | undefined> {
    const rows: LinkRow[] = await db.query(`SELECT ${LINK_COLUMNS} FROM audit.event_chain c WHERE c.event_id = $1 ORDER BY c.sequence LIMIT 1`, [eventId]);
    return rows[0] && toLink(rows[0]);
  },

  async latestCheckpoint(db: Queryable): Promise<Checkpoint | undefined> {
    const rows: CheckpointRow[] = await db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit.checkpoints c ORDER BY c.sequence DESC LIMIT 1`);
    return rows[0] && toCheckpoint(rows[0]);
  },

  /** Checkpoints up to `upTo`, oldest first. */
  async checkpointsUpTo(db: Queryable, upTo: number): Promise<Checkpoint[]> {
    const rows: CheckpointRow[] = await db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit.checkpoints c WHERE c.sequence <= $1 ORDER BY c.sequence`, [upTo]);
    return rows.map(toCheckpoint);
  },

  /** A page of checkpoints, newest first, and how many there are. */
  async checkpointPage(db: Queryable, page: number, pageSize: number): Promise<{ items: Checkpoint[]; total: number }> {
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM audit.checkpoints`);
    const rows: CheckpointRow[] = await db.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit.checkpoints c ORDER BY c.sequence DESC LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toCheckpoint), total };
  },

  async saveCheckpoint(manager: EntityManager, checkpoint: Checkpoint): Promise<void> {
    await manager.query(
      `INSERT INTO audit.checkpoints (sequence, position, event_id, chain_hash, created_at, key_id, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        checkpoint.sequence,
        checkpoint.position,
        checkpoint.eventId,
        Buffer.from(checkpoint.chainHash, 'hex'),
        checkpoint.createdAt,
        checkpoint.keyId,
        Buffer.from(checkpoint.signature, 'base64'),
      ],
    );
  },
};
