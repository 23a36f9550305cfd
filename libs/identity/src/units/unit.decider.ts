import { assertNever, DomainError, type Decider, type DomainEvent } from '#shared-kernel';
import { UNIT_LEVELS, type UnitLevel } from '../identity.vocabulary.js';

export type UnitCreated = DomainEvent<'UnitCreated', { unitId: string; name: string; level: UnitLevel; parentId: string | null }>;
export type UnitRenamed = DomainEvent<'UnitRenamed', { unitId: string; name: string; previousName: string }>;
export type UnitMoved = DomainEvent<'UnitMoved', { unitId: string; parentId: string; previousParentId: string | null }>;
export type UnitEvent = UnitCreated | UnitRenamed | UnitMoved;

export type UnitState =
  | { status: 'absent' }
  | { status: 'active'; unitId: string; name: string; level: UnitLevel; parentId: string | null };

/** What a command needs to know of the proposed parent, read from its own stream by the handler. */
export interface ParentFacts {
  readonly unitId: string;
  readonly level: UnitLevel;
  /** The parent and its ancestors, nearest first: a unit may not be moved under itself. */
  readonly ancestry: readonly string[];
}

export type UnitCommand =
  | { type: 'CreateUnit'; data: { unitId: string; name: string; level: UnitLevel; parent: ParentFacts | null } }
  | { type: 'RenameUnit'; data: { name: string } }
  | { type: 'MoveUnit'; data: { parent: ParentFacts } };

export const unitDecider: Decider<UnitState, UnitCommand, UnitEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide(command, state) {
    switch (command.type) {
      case 'CreateUnit': {
        if (state.status !== 'absent') throw new DomainError('IDENTITY.UNIT_EXISTS', 'conflict', `Unit ${command.data.unitId} already exists`);
        const { unitId, name, level, parent } = command.data;
        if (parent) assertParentLevel(level, parent);
        return [{ type: 'UnitCreated', data: { unitId, name, level, parentId: parent?.unitId ?? null } }];
      }
      case 'RenameUnit': {
        const unit = existing(state);
        if (unit.name === command.data.name) return [];
        return [{ type: 'UnitRenamed', data: { unitId: unit.unitId, name: command.data.name, previousName: unit.name } }];
      }
      case 'MoveUnit': {
        const unit = existing(state);
        const { parent } = command.data;
        if (parent.unitId === unit.parentId) return [];
        if (parent.unitId === unit.unitId || parent.ancestry.includes(unit.unitId)) {
          throw new DomainError('IDENTITY.UNIT_MOVE_CYCLE', 'unprocessable', 'A unit cannot be moved under itself or a unit below it', [
            { field: 'parentId', reason: 'is the unit itself or one of its subunits' },
          ]);
        }
        assertParentLevel(unit.level, parent);
        return [{ type: 'UnitMoved', data: { unitId: unit.unitId, parentId: parent.unitId, previousParentId: unit.parentId } }];
      }
      default:
        return assertNever(command, 'unit command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'UnitCreated':
        return { status: 'active', ...event.data };
      case 'UnitRenamed':
        return state.status === 'active' ? { ...state, name: event.data.name } : state;
      case 'UnitMoved':
        return state.status === 'active' ? { ...state, parentId: event.data.parentId } : state;
      default:
        return assertNever(event, 'unit event');
    }
  },
};

function existing(state: UnitState): Extract<UnitState, { status: 'active' }> {
  if (state.status === 'absent') throw new DomainError('IDENTITY.UNIT_NOT_FOUND', 'not_found', 'No such unit');
  return state;
}

/** The hierarchy is strict: a township sits directly under a district, a community directly under a township. */
function assertParentLevel(level: UnitLevel, parent: ParentFacts): void {
  const expected = UNIT_LEVELS[UNIT_LEVELS.indexOf(level) - 1];
  if (!expected) {
    throw new DomainError('IDENTITY.UNIT_LEVEL_MISMATCH', 'unprocessable', `A ${level} unit is the top of the hierarchy and sits under no unit`, [
      { field: 'level', reason: `a ${level} unit is the top of the hierarchy: it is created with the create-admin command, not under another unit` },
    ]);
  }
  if (parent.level !== expected) {
    throw new DomainError(
      'IDENTITY.UNIT_LEVEL_MISMATCH',
      'unprocessable',
      `A ${level} unit belongs directly under a ${expected} unit`,
      [{ field: 'parentId', reason: `must be a ${expected} unit, not a ${parent.level} unit` }],
    );
  }
}
