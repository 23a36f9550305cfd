/** The only place stream names of the targets context are built. */

/** The targets a unit is given for one year (市总下达目标): every set and withdrawal, in order. */
export const unitTargetsStreamName = (unitId: string, year: number) => `unit_targets-${unitId}-${year}`;
