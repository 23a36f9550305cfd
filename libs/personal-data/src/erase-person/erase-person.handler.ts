import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createCommandContext, EventStore, formatPosition, handleCommand } from '#event-store';
import type { RequestMeta } from '#http';
import { Clock, DomainError, IdGenerator } from '#shared-kernel';
import { personDecider, type ErasureReason } from '../person.decider.js';
import { personStreamName } from '../personal-data.streams.js';
import { PersonalDataVault } from '../personal-data.vault.js';

/** Names no id and no number: the caller may have typed a resident ID number, which must not come back or be logged. */
export function personNotFound(): DomainError {
  return new DomainError('PERSONAL_DATA.PERSON_NOT_FOUND', 'not_found', 'No such person is on record (or their data was already erased)');
}

export interface ErasedPerson {
  personId: string;
  /** False when the person had already been erased: nothing new was recorded. */
  newlyErased: boolean;
  position: string | null;
}

export class ErasePersonCommand extends Command<ErasedPerson> {
  constructor(
    readonly personId: string,
    readonly reason: ErasureReason,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * Records the erasure first, then destroys the key. Should the process stop in between, erasing again finds the
 * event already there and destroys the key; the other order could leave a key destroyed with no record of why.
 */
@CommandHandler(ErasePersonCommand)
export class ErasePersonHandler implements ICommandHandler<ErasePersonCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ personId, reason, meta }: ErasePersonCommand): Promise<ErasedPerson> {
    if (!(await this.vault.isEnrolled(personId))) throw personNotFound();
    const context = createCommandContext(meta, this.clock, this.ids);
    const outcome = await handleCommand(this.store, personDecider, personStreamName(personId), { type: 'ErasePerson', data: { personId, reason } }, context);
    await this.vault.destroyKey(personId);
    return { personId, newlyErased: outcome.events.length > 0, position: outcome.append ? formatPosition(outcome.append.position) : null };
  }
}
