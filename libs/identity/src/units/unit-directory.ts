import { Injectable } from '@nestjs/common';
import { EventStore, loadStream } from '#event-store';
import type { Actor } from '#http';
import { DomainError } from '#shared-kernel';
import { UNIT_LEVELS, type UnitLevel } from '../identity.vocabulary.js';
import { unitStreamName } from '../identity.streams.js';
import { unitDecider, type ParentFacts, type UnitState } from './unit.decider.js';

export interface UnitFacts extends ParentFacts {
  readonly name: string;
}

/** Whether a unit is `rootId` itself or lies anywhere below it. */
export function isWithin(unit: UnitFacts | undefined, rootId: string): unit is UnitFacts {
  return !!unit && (unit.unitId === rootId || unit.ancestry.includes(rootId));
}

/**
 * Answers "where does this unit sit?" from the units' own streams, so a write is checked against the
 * hierarchy as it is now, not as a read model last saw it. The hierarchy is at most four deep.
 */
@Injectable()
export class UnitDirectory {
  constructor(private readonly store: EventStore) {}

  async find(unitId: string): Promise<UnitFacts | undefined> {
    const ancestry: string[] = [];
    let first: { name: string; level: UnitLevel } | undefined;
    for (let current: string | null = unitId; current !== null; ) {
      if (ancestry.length > UNIT_LEVELS.length) throw new Error(`Unit hierarchy above ${unitId} is deeper than its levels allow`);
      const { state }: { state: UnitState } = await loadStream(this.store, unitDecider, unitStreamName(current));
      if (state.status === 'absent') return undefined;
      first ??= { name: state.name, level: state.level };
      current = state.parentId;
      if (current !== null) ancestry.push(current);
    }
    return { unitId, name: first!.name, level: first!.level, ancestry };
  }

  /**
   * The unit, if the actor works in it or above it. Units outside the actor's scope are reported exactly like
   * units that do not exist, so a request cannot probe for them.
   */
  async requireWithinScope(actor: Actor, unitId: string, field: string): Promise<UnitFacts> {
    const unit = await this.find(unitId);
    if (!isWithin(unit, actor.unitId)) {
      throw new DomainError('IDENTITY.UNIT_OUT_OF_SCOPE', 'unprocessable', 'No such unit among the units you work in', [
        { field, reason: 'is not a unit you work in' },
      ]);
    }
    return unit;
  }

  /** Whether the actor sees records of this unit; false for a unit that does not exist, or for none at all. */
  async isInScope(actor: Actor, unitId: string | undefined | null): Promise<boolean> {
    return typeof unitId === 'string' && unitId !== '' && isWithin(await this.find(unitId), actor.unitId);
  }
}
