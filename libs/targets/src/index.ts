export { TargetsModule } from './targets.module.js';
export { UnitTargetsProjection } from './read-model/unit-targets.projection.js';
export * from './targets.streams.js';
export type * from './unit-targets.decider.js';
export type { UnitTargets, UnitTargetHistory, TargetView, TargetChange } from './target-queries/target-queries.js';
