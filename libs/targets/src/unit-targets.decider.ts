import { isMetricKey, metricDefinition, type Measure, type MetricKey } from '#statistics';
import { assertNever, DomainError, MAX_FEN, type Decider, type DomainEvent, type DomainErrorProblem } from '#shared-kernel';

/**
 * A target for a unit, year and metric, in the metric's measure: a count, an amount in fen, or a rate in basis
 * points (10000 = 100 %). Values are decimal strings of non-negative integers, so money never passes through a float.
 * A change is a new event naming the value it replaces; nothing is edited.
 */
export type TargetSet = DomainEvent<
  'TargetSet',
  { unitId: string; year: number; metric: MetricKey; value: string; previousValue: string | null; reason?: string }
>;
/** The unit no longer has a target for the metric this year. */
export type TargetWithdrawn = DomainEvent<'TargetWithdrawn', { unitId: string; year: number; metric: MetricKey; previousValue: string; reason?: string }>;
export type UnitTargetsEvent = TargetSet | TargetWithdrawn;

export type UnitTargetsState =
  | { status: 'none' }
  | { status: 'recorded'; unitId: string; year: number; targets: Readonly<Partial<Record<MetricKey, string>>> };

export interface TargetEntry {
  metric: string;
  value: string;
  reason?: string;
}
/** Several targets at once: all are recorded, one event each, or none. An unchanged value records nothing. */
export interface SetTargets {
  type: 'SetTargets';
  data: { unitId: string; year: number; targets: readonly TargetEntry[] };
}
/** Withdraws the targets named; one that is not set is left as it is. */
export interface WithdrawTargets {
  type: 'WithdrawTargets';
  data: { unitId: string; year: number; metrics: readonly string[]; reason?: string };
}
export type UnitTargetsCommand = SetTargets | WithdrawTargets;

/** The largest target per measure: a rate cannot pass 100 %; a count or amount stays far inside exact integers. */
export const MAX_TARGET: Record<Measure, bigint> = {
  count: 100_000_000n,
  fen: BigInt(MAX_FEN),
  basis_points: 10_000n,
};
const NON_NEGATIVE_INTEGER = /^(?:0|[1-9]\d{0,15})$/;

export const unitTargetsDecider: Decider<UnitTargetsState, UnitTargetsCommand, UnitTargetsEvent> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    const current = state.status === 'recorded' ? state.targets : {};
    const { unitId, year } = command.data;
    switch (command.type) {
      case 'SetTargets': {
        const problems: DomainErrorProblem[] = [];
        const seen = new Map<string, number>();
        command.data.targets.forEach((entry, index) => {
          problems.push(...entryProblems(entry, `targets[${index}]`));
          const earlier = seen.get(entry.metric);
          if (earlier !== undefined) problems.push({ field: `targets[${index}].metric`, reason: `repeats targets[${earlier}]: set each metric once` });
          else seen.set(entry.metric, index);
        });
        if (command.data.targets.length === 0) problems.push({ field: 'targets', reason: 'must list at least one target' });
        if (problems.length) throw new DomainError('TARGETS.INVALID', 'invalid', 'The targets are not valid', problems);
        return command.data.targets.flatMap((entry): TargetSet[] => {
          const metric = entry.metric as MetricKey;
          const value = BigInt(entry.value).toString();
          const previousValue = current[metric] ?? null;
          if (previousValue === value) return [];
          const reason = entry.reason ? { reason: entry.reason } : {};
          return [{ type: 'TargetSet', data: { unitId, year, metric, value, previousValue, ...reason } }];
        });
      }
      case 'WithdrawTargets': {
        const problems: DomainErrorProblem[] = [];
        command.data.metrics.forEach((metric, index) => {
          if (!isMetricKey(metric)) problems.push({ field: `metrics[${index}]`, reason: 'is not a metric of the catalogue' });
          else if (command.data.metrics.indexOf(metric) < index) problems.push({ field: `metrics[${index}]`, reason: 'is listed twice' });
        });
        if (command.data.metrics.length === 0) problems.push({ field: 'metrics', reason: 'must list at least one metric' });
        if (problems.length) throw new DomainError('TARGETS.INVALID', 'invalid', 'The metrics are not valid', problems);
        const reason = command.data.reason ? { reason: command.data.reason } : {};
        return command.data.metrics.flatMap((key): TargetWithdrawn[] => {
          const metric = key as MetricKey;
          const previousValue = current[metric];
          return previousValue === undefined ? [] : [{ type: 'TargetWithdrawn', data: { unitId, year, metric, previousValue, ...reason } }];
        });
      }
      default:
        return assertNever(command, 'unit targets command');
    }
  },
  evolve(state, event) {
    const base = state.status === 'recorded' ? state : { status: 'recorded' as const, unitId: event.data.unitId, year: event.data.year, targets: {} };
    switch (event.type) {
      case 'TargetSet':
        return { ...base, targets: { ...base.targets, [event.data.metric]: event.data.value } };
      case 'TargetWithdrawn': {
        const { [event.data.metric]: _withdrawn, ...rest } = base.targets;
        return { ...base, targets: rest };
      }
      default:
        return assertNever(event, 'unit targets event');
    }
  },
};

function entryProblems(entry: TargetEntry, at: string): DomainErrorProblem[] {
  if (!isMetricKey(entry.metric)) return [{ field: `${at}.metric`, reason: 'is not a metric of the catalogue' }];
  const { measure } = metricDefinition(entry.metric);
  if (typeof entry.value !== 'string' || !NON_NEGATIVE_INTEGER.test(entry.value)) {
    return [{ field: `${at}.value`, reason: `must be a whole number written in digits (${UNIT_OF[measure]})` }];
  }
  if (BigInt(entry.value) > MAX_TARGET[measure]) {
    return [{ field: `${at}.value`, reason: `must be at most ${MAX_TARGET[measure]} (${UNIT_OF[measure]})` }];
  }
  return [];
}

const UNIT_OF: Record<Measure, string> = {
  count: 'a count',
  fen: 'an amount in fen',
  basis_points: 'a rate in basis points, 10000 = 100 %',
};
