import type { EntityManager } from 'typeorm';

/** Unit names for display, in one query for a page of records. */
export async function unitNamesOf(manager: EntityManager, unitIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(unitIds.filter((id): id is string => !!id))];
  if (!ids.length) return new Map();
  const rows: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM read_model.units WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((row) => [row.id, row.name]));
}
