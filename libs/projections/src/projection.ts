import type { RecordedEvent } from '#event-store';
import type { ProjectionSql } from './projection-sql.js';

/**
 * A read model fed from the log. `apply` runs inside the projector's transaction, which also moves the
 * projection's checkpoint, so an event is applied exactly once however often the process restarts.
 *
 * Where a projection writes: its own tables are named WITHOUT a schema (`INSERT INTO funds ...`, never
 * `read_model.funds`), and `apply` runs with the transaction's `search_path` set by the projector: the live run
 * resolves them in `read_model`; a rebuild resolves them in a shadow schema first (see `rebuild.ts`), so the same
 * code fills fresh copies of the tables while the API keeps reading the live ones. A projection may read another
 * projection's tables (unqualified too): not being in the shadow schema, they resolve to the live `read_model` ones.
 * Use raw SQL for the writes: TypeORM entities carry `schema: 'read_model'` and would always hit the live tables.
 * Send statements whose rows are not needed with `sql.write`: they stream to the server without a round trip each.
 */
export interface Projection {
  readonly name: string;
  readonly eventTypes: readonly string[];
  /**
   * Every `read_model` table this projection writes, and only it writes (unqualified names). A rebuild creates
   * a copy of each (columns, defaults, constraints, indexes under the same names), fills the copies from the start
   * of the log and swaps them in. Tables with a serial/sequence default are refused: use an identity column.
   */
  readonly tables: readonly string[];
  /**
   * Bump it when a change to `apply` changes the rows it writes (default 1). The checkpoint records the version its
   * tables were built with; a differing one shows as `rebuildRecommended` in GET /api/admin/projections, and a
   * rebuild records the new one.
   */
  readonly version?: number;
  apply(event: RecordedEvent, sql: ProjectionSql): Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');

/** The schema the API reads and the live projector writes. */
export const READ_MODEL_SCHEMA = 'read_model';

export function projectionVersion(projection: Projection): number {
  return projection.version ?? 1;
}

/**
 * Points the transaction's unqualified table names at `schemas` (first match wins), then `read_model`, then
 * `public`: the live projector calls it with none, a rebuild with its shadow schema. Tests that call
 * `apply` by hand call it first.
 */
export async function useProjectionSchemas(sql: SqlRunner, ...schemas: string[]): Promise<void> {
  for (const schema of schemas) if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Not a schema name: ${schema}`);
  await sql.query(`SET LOCAL search_path TO ${[...schemas, READ_MODEL_SCHEMA, 'public'].join(', ')}`);
}

/** Anything that runs a statement: an EntityManager, a DataSource or a ProjectionSql. */
export interface SqlRunner {
  // `any`, as EntityManager.query answers.
  query(text: string, params?: any[]): Promise<any>;
}
