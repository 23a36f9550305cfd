import { diffReadModels, type ReadModelSnapshot } from '#projections';

export { diffReadModels, NOT_PROJECTED, rowCounts, snapshotReadModels, type ReadModelSnapshot } from '#projections';

/** Fails with a table-by-table diff unless the two snapshots are equal; says how many rows each table held. */
export function expectSameReadModels(actual: ReadModelSnapshot, expected: ReadModelSnapshot, what = 'read models'): void {
  const problems = diffReadModels(actual, expected);
  if (problems.length) throw new Error(`The ${what} differ (+ actual only, - expected only):\n${problems.join('\n')}`);
}
