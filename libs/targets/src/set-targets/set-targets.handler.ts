import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createCommandContext, EventStore, formatPosition, handleCommand } from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { Clock, IdGenerator } from '#shared-kernel';
import { unitTargetsStreamName } from '../targets.streams.js';
import { unitTargetsDecider, type UnitTargetsCommand } from '../unit-targets.decider.js';

export interface TargetsWritten {
  readonly unitId: string;
  readonly year: number;
  /** The stream's revision after the request; -1 while the unit has never had a target that year. */
  readonly revision: bigint;
  /** Where the last event landed; null when nothing changed. */
  readonly position: string | null;
  /** The metrics whose target this request changed, in the order given. */
  readonly changed: string[];
}

export class ChangeTargetsCommand extends Command<TargetsWritten> {
  constructor(
    readonly command: UnitTargetsCommand,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** An admin sets or withdraws targets of a unit in their scope for a year: one stream per unit and year, all or nothing. */
@CommandHandler(ChangeTargetsCommand)
export class ChangeTargetsHandler implements ICommandHandler<ChangeTargetsCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ command, actor, meta, expectedRevision }: ChangeTargetsCommand): Promise<TargetsWritten> {
    const { unitId, year } = command.data;
    await this.units.requireWithinScope(actor, unitId, 'unitId');
    const context = createCommandContext(meta, this.clock, this.ids);
    const outcome = await handleCommand(this.store, unitTargetsDecider, unitTargetsStreamName(unitId, year), command, context, { expectedRevision });
    return {
      unitId,
      year,
      revision: outcome.revision,
      position: outcome.append ? formatPosition(outcome.append.position) : null,
      changed: outcome.events.map((event) => event.data.metric),
    };
  }
}
