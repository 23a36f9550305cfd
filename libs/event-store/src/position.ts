/**
 * A place in the whole log, shaped like EventStoreDB's `Position`.
 * EventStoreDB orders by (commit, prepare). The PostgreSQL store uses the appending transaction's id
 * as `commit` and the row's sequence number as `prepare`: a reader only ever sees transactions older
 * than every transaction still open, so nothing can later appear before a position already read.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Before the first event: every real position is greater (transaction ids and sequence numbers start above 0). */
export const START: Position = Object.freeze({ commit: 0n, prepare: 0n });

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Positions travel as `"commit/prepare"` in JSON responses (bigint has no JSON form). */
export function formatPosition(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}
