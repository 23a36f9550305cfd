import { catchDomainError as domainError } from '../../shared-kernel/src/testing/catch-domain-error.js';
import { unitTargetsDecider, type TargetEntry, type UnitTargetsCommand, type UnitTargetsEvent } from './unit-targets.decider.js';

const set = (...targets: TargetEntry[]): UnitTargetsCommand => ({ type: 'SetTargets', data: { unitId: 'u-1', year: 2026, targets } });
const withdraw = (metrics: string[], reason?: string): UnitTargetsCommand => ({ type: 'WithdrawTargets', data: { unitId: 'u-1', year: 2026, metrics, ...(reason ? { reason } : {}) } });
const state = (events: UnitTargetsEvent[]) => events.reduce(unitTargetsDecider.evolve, unitTargetsDecider.initialState());
const given = (events: UnitTargetsEvent[], command: UnitTargetsCommand) => unitTargetsDecider.decide(command, state(events));

const unionsSet: UnitTargetsEvent = { type: 'TargetSet', data: { unitId: 'u-1', year: 2026, metric: 'unions_founded', value: '79', previousValue: null } };

describe('a unit’s targets for a year', () => {
  it('records one event per target, in the order given, each naming the value it replaces', () => {
    expect(
      given([unionsSet], set({ metric: 'unions_founded', value: '80', reason: '市总追加' }, { metric: 'aid_paid_fen:winter_warmth', value: '12550000' }, { metric: 'unionization_rate', value: '7210' })),
    ).toEqual([
      { type: 'TargetSet', data: { unitId: 'u-1', year: 2026, metric: 'unions_founded', value: '80', previousValue: '79', reason: '市总追加' } },
      { type: 'TargetSet', data: { unitId: 'u-1', year: 2026, metric: 'aid_paid_fen:winter_warmth', value: '12550000', previousValue: null } },
      { type: 'TargetSet', data: { unitId: 'u-1', year: 2026, metric: 'unionization_rate', value: '7210', previousValue: null } },
    ]);
  });

  it('records nothing for a value that is already the target, so a repeated request changes nothing', () => {
    expect(given([unionsSet], set({ metric: 'unions_founded', value: '79' }))).toEqual([]);
    expect(given([unionsSet], set({ metric: 'unions_founded', value: '79' }, { metric: 'people_trained', value: '300' }))).toHaveLength(1);
  });

  it('refuses the whole request when any entry is wrong, naming each field at fault', () => {
    const error = domainError(() =>
      given(
        [],
        set(
          { metric: 'unions_founded', value: '79' },
          { metric: 'no_such_metric', value: '1' },
          { metric: 'unionization_rate', value: '10001' },
          { metric: 'people_rehired', value: '-3' },
          { metric: 'aid_paid_fen', value: '12.50' },
          { metric: 'unions_founded', value: '80' },
          { metric: 'positions_offered', value: '007' },
        ),
      ),
    );
    expect(error).toMatchObject({ code: 'TARGETS.INVALID', category: 'invalid' });
    expect(error.problems).toEqual([
      { field: 'targets[1].metric', reason: 'is not a metric of the catalogue' },
      { field: 'targets[2].value', reason: 'must be at most 10000 (a rate in basis points, 10000 = 100 %)' },
      { field: 'targets[3].value', reason: 'must be a whole number written in digits (a count)' },
      { field: 'targets[4].value', reason: 'must be a whole number written in digits (an amount in fen)' },
      { field: 'targets[5].metric', reason: 'repeats targets[0]: set each metric once' },
      { field: 'targets[6].value', reason: 'must be a whole number written in digits (a count)' },
    ]);
  });

  it('takes money up to the largest amount in fen and a rate up to 100 %, and zero as a target', () => {
    expect(given([], set({ metric: 'aid_paid_fen', value: '10000000000000' }, { metric: 'wage_talks_coverage_rate', value: '10000' }, { metric: 'people_rehired', value: '0' }))).toHaveLength(3);
    expect(domainError(() => given([], set({ metric: 'aid_paid_fen', value: '10000000000001' }))).problems[0].field).toBe('targets[0].value');
    expect(domainError(() => given([], set())).problems).toEqual([{ field: 'targets', reason: 'must list at least one target' }]);
  });

  it('withdraws a target that is set, and passes over one that is not', () => {
    expect(given([unionsSet], withdraw(['unions_founded', 'people_trained'], '目标调整'))).toEqual([
      { type: 'TargetWithdrawn', data: { unitId: 'u-1', year: 2026, metric: 'unions_founded', previousValue: '79', reason: '目标调整' } },
    ]);
    const withdrawn = given([unionsSet], withdraw(['unions_founded']));
    expect(given([unionsSet, ...withdrawn], withdraw(['unions_founded']))).toEqual([]);
    // Set again after a withdrawal, the target replaces nothing.
    expect(given([unionsSet, ...withdrawn], set({ metric: 'unions_founded', value: '79' }))[0].data).toMatchObject({ previousValue: null });
  });

  it('refuses a withdrawal naming an unknown or repeated metric', () => {
    expect(domainError(() => given([unionsSet], withdraw(['unions_founded', 'x', 'unions_founded']))).problems).toEqual([
      { field: 'metrics[1]', reason: 'is not a metric of the catalogue' },
      { field: 'metrics[2]', reason: 'is listed twice' },
    ]);
  });
});
