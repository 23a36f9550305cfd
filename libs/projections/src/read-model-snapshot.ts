import type pg from 'pg';

// Read models compared table by table: the projector-kill test, the soak run and anyone checking a database
// against a full replay use the same snapshot.

/** Every read-model table's rows, each as its JSON text, ordered by primary key: what "equal read models" compares. */
export type ReadModelSnapshot = Record<string, string[]>;

/** Tables in `read_model` that no projection feeds from events: where each projection has got to. */
export const NOT_PROJECTED = ['projection_checkpoints'];

/**
 * Reads every base table of schema `read_model` (but `exclude`), rows ordered by primary key (by every column when a
 * table has none), each row as `to_jsonb` text (keys in jsonb's fixed order). One REPEATABLE READ transaction, so the tables
 * are read at one moment.
 */
export async function snapshotReadModels(pool: pg.Pool, exclude: readonly string[] = NOT_PROJECTED): Promise<ReadModelSnapshot> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: tables } = await client.query<{ table_name: string; key: string[] | null; columns: string[] }>(
      `SELECT t.table_name,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM pg_index i
                 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = format('%I.%I', t.table_schema, t.table_name)::regclass AND i.indisprimary) AS key,
              (SELECT array_agg(c.column_name::text ORDER BY c.ordinal_position)
                 FROM information_schema.columns c
                WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name) AS columns
         FROM information_schema.tables t
        WHERE t.table_schema = 'read_model' AND t.table_type = 'BASE TABLE'
        ORDER BY t.table_name`,
    );
    const snapshot: ReadModelSnapshot = {};
    for (const table of tables) {
      if (exclude.includes(table.table_name)) continue;
      const order = (table.key ?? table.columns).map((column) => `t."${column}"`).join(', ');
      const { rows } = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM read_model."${table.table_name}" t ORDER BY ${order}`);
      snapshot[table.table_name] = rows.map((r) => r.row);
    }
    await client.query('COMMIT');
    return snapshot;
  } finally {
    client.release();
  }
}

/** How two snapshots differ, table by table: missing tables, row counts, and the first differing rows. Empty when equal. */
export function diffReadModels(actual: ReadModelSnapshot, expected: ReadModelSnapshot, maxRowsPerTable = 3): string[] {
  const problems: string[] = [];
  for (const table of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
    const mine = actual[table];
    const theirs = expected[table];
    if (!mine || !theirs) {
      problems.push(`${table}: only in the ${mine ? 'actual' : 'expected'} read models`);
      continue;
    }
    const [mineSet, theirSet] = [new Set(mine), new Set(theirs)];
    const onlyActual = mine.filter((row) => !theirSet.has(row));
    const onlyExpected = theirs.filter((row) => !mineSet.has(row));
    if (!onlyActual.length && !onlyExpected.length && mine.length === theirs.length) {
      // The same rows; the order by primary key must match as well.
      const firstOut = mine.findIndex((row, index) => row !== theirs[index]);
      if (firstOut >= 0) problems.push(`${table}: same rows in another order from row ${firstOut}`);
      continue;
    }
    problems.push(
      [
        `${table}: ${mine.length} rows, expected ${theirs.length}; ${onlyActual.length} not expected, ${onlyExpected.length} missing`,
        ...onlyActual.slice(0, maxRowsPerTable).map((row) => `  + ${row}`),
        ...onlyExpected.slice(0, maxRowsPerTable).map((row) => `  - ${row}`),
      ].join('\n'),
    );
  }
  return problems;
}

/** Rows per table, for a test to show what it compared (and to check the workload reached every table). */
export function rowCounts(snapshot: ReadModelSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(snapshot).map(([table, rows]) => [table, rows.length]));
}
