import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { DomainError } from '#shared-kernel';
import { FairLookup } from '../fair-lookup.js';
import { SeekerCommands, type SeekerCommandResult } from '../seeker-command.js';
import type { RecordReferralOutcomeDto, ReferSeekerDto } from './refer-seeker.dto.js';

interface Target {
  readonly seekerId: string;
  readonly actor: Actor;
  readonly meta: RequestMeta;
  readonly expectedRevision: bigint | undefined;
}

export class ReferSeekerCommand extends Command<SeekerCommandResult & { referralId: string }> {
  constructor(
    readonly target: Target,
    readonly data: ReferSeekerDto,
  ) {
    super();
  }
}

export class RecordReferralOutcomeCommand extends Command<SeekerCommandResult> {
  constructor(
    readonly target: Target,
    readonly referralId: string,
    readonly data: RecordReferralOutcomeDto,
  ) {
    super();
  }
}

@CommandHandler(ReferSeekerCommand)
export class ReferSeekerHandler implements ICommandHandler<ReferSeekerCommand> {
  constructor(
    private readonly seekers: SeekerCommands,
    private readonly fairs: FairLookup,
  ) {}

  async execute({ target, data }: ReferSeekerCommand) {
    const { seekerId } = target;
    await this.seekers.requireInScope(target.actor, seekerId);
    const job = await this.jobOf(target.actor, data);
    const referralId = this.seekers.newId();
    const result = await this.seekers.run(seekerId, target.actor, target.meta, target.expectedRevision, (today) => ({
      type: 'ReferSeeker',
      data: { seekerId, referralId, ...job, referredOn: data.referredOn, today },
    }));
    return { ...result, referralId };
  }

  /** The employer and position, from the fair's offer when one is named. */
  private async jobOf(actor: Actor, data: ReferSeekerDto) {
    if (data.fairId === undefined || data.positionId === undefined) {
      return { employer: data.employer!, position: data.position!, fairId: null, positionId: null };
    }
    if (data.employer !== undefined || data.position !== undefined) {
      const field = data.employer !== undefined ? 'employer' : 'position';
      throw new DomainError('EMPLOYMENT.JOB_GIVEN_TWICE', 'invalid', 'A fair position already names its employer and position', [
        { field, reason: 'must be left out when positionId is given: it comes from the fair' },
      ]);
    }
    const fair = await this.fairs.requireUsable(actor, data.fairId, 'fairId');
    const offered = fair.positions[data.positionId];
    if (!offered) {
      throw new DomainError('EMPLOYMENT.POSITION_NOT_FOUND', 'unprocessable', 'The fair offers no such position', [
        { field: 'positionId', reason: 'is not a position offered at this fair' },
      ]);
    }
    return { employer: offered.employer, position: offered.position, fairId: data.fairId, positionId: data.positionId };
  }
}

@CommandHandler(RecordReferralOutcomeCommand)
export class RecordReferralOutcomeHandler implements ICommandHandler<RecordReferralOutcomeCommand> {
  constructor(private readonly seekers: SeekerCommands) {}

  execute({ target, referralId, data }: RecordReferralOutcomeCommand) {
    const { seekerId } = target;
    return this.seekers.run(seekerId, target.actor, target.meta, target.expectedRevision, (today) => ({
      type: 'RecordReferralOutcome',
      data: { seekerId, referralId, outcome: data.outcome, recordedOn: data.recordedOn, today },
    }));
  }
}
