import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createCommandContext, EventStore, formatPosition, NO_STREAM, toEventsToAppend, WrongExpectedRevisionError, type StreamAppend } from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { PersonalDataVault } from '#personal-data';
import { Clock, DomainError, IdGenerator, shanghaiDate } from '#shared-kernel';
import { jobSeekerStreamName, seekerPersonClaimStreamName } from '../employment.streams.js';
import { jobSeekerDecider, type RegisterJobSeeker, type SeekerPersonalFields } from '../job-seeker.decider.js';
import type { RegisterJobSeekerDto } from './register-job-seeker.dto.js';

export interface RegisteredJobSeeker {
  seekerId: string;
  revision: bigint;
  position: string;
}

export class RegisterJobSeekerCommand extends Command<RegisteredJobSeeker> {
  constructor(
    readonly data: RegisterJobSeekerDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * Seals the person's fields with the vault and appends the registration. With a resident ID number, the person's
 * claim stream is appended in the same atomic write: a second registration of the same person, however close in
 * time, finds the claim and is refused with the existing seeker's id.
 */
@CommandHandler(RegisterJobSeekerCommand)
export class RegisterJobSeekerHandler implements ICommandHandler<RegisterJobSeekerCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ data, actor, meta }: RegisterJobSeekerCommand): Promise<RegisteredJobSeeker> {
    await this.units.requireWithinScope(actor, data.unitId, 'unitId');
    const context = createCommandContext(meta, this.clock, this.ids);
    const seekerId = this.ids.newId();
    const today = shanghaiDate(context.now);
    const command = (personal: { personId: string; sealed: string }): RegisterJobSeeker => ({
      type: 'RegisterJobSeeker',
      data: { seekerId, personal, kind: data.kind, gender: data.gender, unitId: data.unitId, registeredOn: data.registeredOn ?? today, today },
    });
    const residentId = data.residentId ?? null;
    // Everything that can refuse the registration is checked before the vault enrols anyone.
    if (residentId) await this.refuseIfClaimed(await this.vault.findByResidentId(residentId));
    jobSeekerDecider.decide(command({ personId: '', sealed: '' }), jobSeekerDecider.initialState());

    const personId = residentId ? await this.vault.enrol(residentId) : await this.vault.enrolWithoutResidentId();
    const fields: SeekerPersonalFields = {
      name: data.name,
      phone: data.phone,
      residentId,
      skills: data.skills ?? [],
      wantedWork: data.wantedWork ?? '',
      notes: data.notes || null,
    };
    const events = jobSeekerDecider.decide(command(await this.vault.seal(personId, fields)), jobSeekerDecider.initialState());
    const appends: StreamAppend[] = [{ streamName: jobSeekerStreamName(seekerId), expectedRevision: NO_STREAM, events: toEventsToAppend(events, context) }];
    if (residentId) {
      const claim = { type: 'SeekerPersonClaimed', data: { personId, seekerId } };
      appends.push({ streamName: seekerPersonClaimStreamName(personId), expectedRevision: NO_STREAM, events: toEventsToAppend([claim], context) });
    }
    try {
      const results = await this.store.appendToStreams(appends);
      const result = results.get(jobSeekerStreamName(seekerId))!;
      return { seekerId, revision: result.nextExpectedRevision, position: formatPosition(result.position) };
    } catch (error) {
      // Registered by someone else between our check and our append: report who, as the check would have.
      if (error instanceof WrongExpectedRevisionError) await this.refuseIfClaimed(personId);
      throw error;
    }
  }

  private async refuseIfClaimed(personId: string | null): Promise<void> {
    if (!personId) return;
    const [claim] = await this.store.readStream(seekerPersonClaimStreamName(personId), { maxCount: 1 });
    if (!claim) return;
    throw new DomainError(
      'EMPLOYMENT.SEEKER_ALREADY_REGISTERED',
      'conflict',
      'A job seeker with this resident ID number is already registered: open that record (after a job loss, record it there)',
      [{ field: 'residentId', reason: 'is already registered' }],
      { existingSeekerId: String(claim.data.seekerId) },
    );
  }
}
