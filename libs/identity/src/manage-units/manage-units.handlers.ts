import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createCommandContext, EventStore, formatPosition, handleCommand, type CommandContext } from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { Clock, DomainError, IdGenerator } from '#shared-kernel';
import { unitStreamName } from '../identity.streams.js';
import type { UnitLevel } from '../identity.vocabulary.js';
import { unitDecider, type ParentFacts } from '../units/unit.decider.js';
import { UnitDirectory } from '../units/unit-directory.js';

export interface UnitWritten {
  readonly unitId: string;
  readonly revision: bigint;
  readonly position: string | null;
}

export type UnitChange = { kind: 'create'; name: string; level: UnitLevel; parentId: string } | { kind: 'rename'; name: string } | { kind: 'move'; parentId: string };

export class ChangeUnitCommand extends Command<UnitWritten> {
  constructor(
    /** Undefined when creating: the handler picks the new unit's id. */
    readonly unitId: string | undefined,
    readonly change: UnitChange,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision?: bigint,
  ) {
    super();
  }
}

/** Admins shape the hierarchy below their own unit: create, rename and move units. Nothing is ever removed. */
@CommandHandler(ChangeUnitCommand)
export class ChangeUnitHandler implements ICommandHandler<ChangeUnitCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ unitId, change, actor, meta, expectedRevision }: ChangeUnitCommand): Promise<UnitWritten> {
    const context = createCommandContext(meta, this.clock, this.ids);
    if (change.kind === 'create') {
      const parent = await this.units.requireWithinScope(actor, change.parentId, 'parentId');
      return createUnit(this.store, context, { unitId: this.ids.newId(), name: change.name, level: change.level, parent });
    }
    const unit = await this.units.requireWithinScope(actor, unitId!, 'id');
    let parent: ParentFacts | undefined;
    if (change.kind === 'move') {
      // The unit the admin stands on stays put: moving it would carry their own scope away.
      if (unit.unitId === actor.unitId) {
        throw new DomainError('IDENTITY.OWN_UNIT_MOVE', 'unprocessable', 'Your own unit can only be moved by an admin above it', [
          { field: 'id', reason: 'is your own unit' },
        ]);
      }
      parent = await this.units.requireWithinScope(actor, change.parentId, 'parentId');
    }
    const command = change.kind === 'rename' ? { type: 'RenameUnit' as const, data: { name: change.name } } : { type: 'MoveUnit' as const, data: { parent: parent! } };
    const outcome = await handleCommand(this.store, unitDecider, unitStreamName(unit.unitId), command, context, { expectedRevision });
    return { unitId: unit.unitId, revision: outcome.revision, position: outcome.append ? formatPosition(outcome.append.position) : null };
  }
}

/** Shared by the API and the first-admin command, which creates the top unit. */
export async function createUnit(
  store: EventStore,
  context: CommandContext,
  data: { unitId: string; name: string; level: UnitLevel; parent: ParentFacts | null },
): Promise<UnitWritten> {
  const outcome = await handleCommand(store, unitDecider, unitStreamName(data.unitId), { type: 'CreateUnit', data }, context);
  return { unitId: data.unitId, revision: outcome.revision, position: outcome.append ? formatPosition(outcome.append.position) : null };
}
