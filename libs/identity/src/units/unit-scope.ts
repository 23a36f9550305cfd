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

/**
 * SQL for "the units above this one": every unit on the path from the top down to it, the unit itself left out. A
 * township caseworker draws on a district fund, so a fund or programme of a unit above is seen as well as those
 * below. `parameter` is the placeholder of the unit id.
 */
export function unitsAboveSql(parameter: string): string {
  return `(SELECT above_unit.id FROM read_model.units above_unit
            WHERE (SELECT own.path FROM read_model.units own WHERE own.id = ${parameter}::uuid) LIKE above_unit.path || '_%')`;
}
