import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, expectedFrom, formatPosition, handleCommand, loadStream, NO_REVISION, toEventsToAppend } from '#event-store';
import { etagFor, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { DomainError, fen } from '#shared-kernel';
import { aidProgrammeDecider } from '../aid-programme.decider.js';
import { aidPolicyStreamName, aidProgrammeStreamName } from '../funds.streams.js';
import { FundsWriter, type Written } from '../writing/funds-writer.js';
import type { ApprovalThresholdDto, EstablishProgrammeDto } from './establish-programme.dto.js';

export class EstablishProgrammeCommand extends Command<Written> {
  constructor(
    readonly data: EstablishProgrammeDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly idempotent: IdempotentRequest | undefined,
  ) {
    super();
  }
}

@CommandHandler(EstablishProgrammeCommand)
export class EstablishProgrammeHandler implements ICommandHandler<EstablishProgrammeCommand> {
  constructor(
    private readonly writer: FundsWriter,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ data, actor, meta, idempotent }: EstablishProgrammeCommand): Promise<Written> {
    await this.units.requireWithinScope(actor, data.unitId, 'unitId');
    const programmeId = this.writer.newId();
    const stream = aidProgrammeStreamName(programmeId);
    return this.writer.write(meta, idempotent, async (context) => {
      const events = aidProgrammeDecider.decide(
        {
          type: 'EstablishAidProgramme',
          data: {
            programmeId,
            unitId: data.unitId,
            year: data.year,
            kind: data.kind,
            name: data.name,
            householdCapFen: fen(data.householdCapFen),
            oneGrantPerHousehold: data.oneGrantPerHousehold,
            eligibility: { recipients: [...data.eligibility.recipients], tiers: [...data.eligibility.tiers], admissionLevels: [...data.eligibility.admissionLevels] },
            opensOn: data.opensOn,
            closesOn: data.closesOn,
          },
        },
        aidProgrammeDecider.initialState(),
      );
      return {
        appends: [{ streamName: stream, expectedRevision: expectedFrom(NO_REVISION), events: toEventsToAppend(events, context) }],
        primaryStream: stream,
        answer: { status: 201, location: `/api/aid-programmes/${programmeId}`, body: { id: programmeId, revision: 0, etag: etagFor(0) } },
      };
    });
  }
}

export class CloseProgrammeCommand extends Command<Written> {
  constructor(
    readonly programmeId: string,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(CloseProgrammeCommand)
export class CloseProgrammeHandler implements ICommandHandler<CloseProgrammeCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly writer: FundsWriter,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ programmeId, actor, meta }: CloseProgrammeCommand): Promise<Written> {
    const stream = aidProgrammeStreamName(programmeId);
    const { state } = await loadStream(this.store, aidProgrammeDecider, stream);
    if (state.status === 'none' || !(await this.units.isInScope(actor, state.unitId))) {
      throw new DomainError('AID.PROGRAMME_NOT_FOUND', 'not_found', `No aid programme ${programmeId}`);
    }
    const { context, today } = this.writer.context(meta);
    const outcome = await handleCommand(this.store, aidProgrammeDecider, stream, { type: 'CloseAidProgramme', data: { programmeId, closedOn: today } }, context);
    return {
      answer: { status: 200, location: `/api/aid-programmes/${programmeId}`, body: { id: programmeId, status: 'closed', revision: Number(outcome.revision), etag: etagFor(outcome.revision) } },
      position: outcome.append ? formatPosition(outcome.append.position) : null,
      replayed: false,
    };
  }
}

export class SetApprovalThresholdCommand extends Command<Written> {
  constructor(
    readonly unitId: string,
    readonly data: ApprovalThresholdDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** An admin sets, for a unit, the amount above which a grant needs a supervisor's approval. */
@CommandHandler(SetApprovalThresholdCommand)
export class SetApprovalThresholdHandler implements ICommandHandler<SetApprovalThresholdCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly writer: FundsWriter,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ unitId, data, actor, meta }: SetApprovalThresholdCommand): Promise<Written> {
    await this.units.requireWithinScope(actor, unitId, 'unitId');
    const { context } = this.writer.context(meta);
    const stream = aidPolicyStreamName(unitId);
    const [head] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const result = await this.store.appendToStream(stream, expectedFrom(head?.revision ?? NO_REVISION), toEventsToAppend([{ type: 'AidApprovalThresholdSet', data: { unitId, thresholdFen: fen(data.thresholdFen) } }], context));
    return {
      answer: { status: 200, location: null, body: { unitId, thresholdFen: data.thresholdFen, revision: Number(result.nextExpectedRevision) } },
      position: formatPosition(result.position),
      replayed: false,
    };
  }
}
