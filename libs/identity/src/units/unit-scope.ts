import type { Actor } from '#http';

/**
 * SQL for "the units this actor sees": their own unit and every unit below it, from the units read model's
 * paths. `parameter` is the placeholder that will hold the actor's unit id (for example `$3` or `:scopeUnitId`).
 */
export function unitsInScopeSql(parameter: string): string {
  return `(SELECT scope_unit.id FROM read_model.units scope_unit
            WHERE scope_unit.path LIKE (SELECT root.path FROM read_model.units root WHERE root.id = ${parameter}::uuid) || '%')`;
}

/**
 * SQL for "`column` is in the chosen unit's subtree and in the caller's": figures for a unit outside the caller's
 * scope come out as zeros, not as that unit's figures. The parameters are the placeholders of the two unit ids.
 */
export function inUnitAndScopeSql(column: string, unitParameter: string, scopeParameter: string): string {
  return `${column} IN ${unitsInScopeSql(unitParameter)} AND ${column} IN ${unitsInScopeSql(scopeParameter)}`;
}

/** The named parameters TypeORM's query builder needs for `unitsInScopeSql(':scopeUnitId')`. */
export function scopeParameters(actor: Actor): { scopeUnitId: string } {
  return { scopeUnitId: actor.unitId };
}
