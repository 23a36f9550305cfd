import { catchDomainError } from '../../../shared-kernel/src/testing/catch-domain-error.js';
import { unitDecider, type UnitEvent, type UnitState } from './unit.decider.js';

const given = (...events: UnitEvent[]): UnitState => events.reduce(unitDecider.evolve, unitDecider.initialState());
const township: UnitEvent = { type: 'UnitCreated', data: { unitId: 't-1', name: '城关街道总工会', level: 'township', parentId: 'd-1' } };

describe('unit decider', () => {
  it('creates a unit directly under a unit one level up, and a top unit without a parent', () => {
    expect(
      unitDecider.decide(
        { type: 'CreateUnit', data: { unitId: 't-1', name: '城关街道总工会', level: 'township', parent: { unitId: 'd-1', level: 'district', ancestry: [] } } },
        given(),
      ),
    ).toEqual([township]);
    expect(unitDecider.decide({ type: 'CreateUnit', data: { unitId: 'd-1', name: '尧都区总工会', level: 'district', parent: null } }, given())).toEqual([
      { type: 'UnitCreated', data: { unitId: 'd-1', name: '尧都区总工会', level: 'district', parentId: null } },
    ]);
  });

  it('refuses a parent at the wrong level, naming the field', () => {
    const error = catchDomainError(() =>
      unitDecider.decide(
        { type: 'CreateUnit', data: { unitId: 'c-1', name: '东关社区', level: 'community', parent: { unitId: 'd-1', level: 'district', ancestry: [] } } },
        given(),
      ),
    );
    expect(error).toMatchObject({ code: 'IDENTITY.UNIT_LEVEL_MISMATCH', problems: [{ field: 'parentId', reason: 'must be a township unit, not a district unit' }] });
    const city = catchDomainError(() =>
      unitDecider.decide({ type: 'CreateUnit', data: { unitId: 'c-2', name: '某市总工会', level: 'city', parent: { unitId: 'd-1', level: 'district', ancestry: [] } } }, given()),
    );
    expect(city.problems).toEqual([{ field: 'level', reason: expect.stringContaining('top of the hierarchy') }]);
  });

  it('moves a unit to another parent of the right level, never under itself, and records a rename with the old name', () => {
    const moved = unitDecider.decide({ type: 'MoveUnit', data: { parent: { unitId: 'd-2', level: 'district', ancestry: ['c-0'] } } }, given(township));
    expect(moved).toEqual([{ type: 'UnitMoved', data: { unitId: 't-1', parentId: 'd-2', previousParentId: 'd-1' } }]);
    expect(unitDecider.decide({ type: 'MoveUnit', data: { parent: { unitId: 'd-1', level: 'district', ancestry: [] } } }, given(township))).toEqual([]);
    const cycle = catchDomainError(() =>
      unitDecider.decide({ type: 'MoveUnit', data: { parent: { unitId: 'x-1', level: 'district', ancestry: ['t-1'] } } }, given(township)),
    );
    expect(cycle.code).toBe('IDENTITY.UNIT_MOVE_CYCLE');
    expect(unitDecider.decide({ type: 'RenameUnit', data: { name: '城关街道工会联合会' } }, given(township))).toEqual([
      { type: 'UnitRenamed', data: { unitId: 't-1', name: '城关街道工会联合会', previousName: '城关街道总工会' } },
    ]);
  });
});
