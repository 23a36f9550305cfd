import { Injectable } from '@nestjs/common';
import { EventStore, exactly, type LoadedStream, expectedFrom, loadStream, toEventsToAppend, WrongExpectedRevisionError, type CommandContext, type StreamAppend } from '#event-store';
import { etagFor, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { DomainError } from '#shared-kernel';
import { decideAid, aidGrantEvolution, type AidGrantState, householdAidEvolution, type AidGrantCommand, type AidWorld, type ExistingGrant } from '../aid-grant.decider.js';
import { aidProgrammeDecider, type EstablishedProgramme } from '../aid-programme.decider.js';
import { fundDecider } from '../fund.decider.js';
import { aidGrantStreamName, aidProgrammeStreamName, fundStreamName, householdAidStreamName } from '../funds.streams.js';
import { FundsWriter, revisionAfter, type Written } from './funds-writer.js';

export interface GrantTarget {
  readonly grantId: string;
  readonly programmeId: string;
  readonly fundId: string;
  readonly householdKey: string;
}

/** Who may take a step on an existing grant, checked on the grant as it is now. */
export type GrantAccess = (grant: ExistingGrant, programme: EstablishedProgramme) => Promise<void>;

export function grantNotFound(grantId: string): DomainError {
  return new DomainError('AID.GRANT_NOT_FOUND', 'not_found', `No aid grant ${grantId}`);
}

export async function loadProgramme(store: EventStore, programmeId: string): Promise<EstablishedProgramme | null> {
  const { state } = await loadStream(store, aidProgrammeDecider, aidProgrammeStreamName(programmeId));
  return state.status === 'none' ? null : state;
}

/**
 * Reads everything a grant decision needs (the grant, its programme, its fund, the household's grants under the
 * programme), decides, and appends to every stream that changed in one atomic append, each at the revision read.
 */
@Injectable()
export class AidGrantWriter {
  constructor(
    private readonly store: EventStore,
    private readonly writer: FundsWriter,
    private readonly units: UnitDirectory,
  ) {}

  newId(): string {
    return this.writer.newId();
  }

  today(): string {
    return this.writer.today();
  }

  /** A step on an existing grant: it must be one the caller sees; `access` checks the rest. */
  async step(
    grantId: string,
    actor: Actor,
    meta: RequestMeta,
    idempotent: IdempotentRequest | undefined,
    expectedRevision: bigint | undefined,
    access: GrantAccess,
    command: (today: string) => AidGrantCommand,
  ): Promise<Written> {
    return this.writer.write(meta, idempotent, async (context, today) => {
      const grant = await loadStream(this.store, aidGrantEvolution, aidGrantStreamName(grantId));
      if (grant.state.status === 'none' || !(await this.units.isInScope(actor, grant.state.unitId))) throw grantNotFound(grantId);
      if (expectedRevision !== undefined && expectedRevision !== grant.revision) {
        throw new WrongExpectedRevisionError(aidGrantStreamName(grantId), exactly(expectedRevision), grant.revision);
      }
      const target = { grantId, programmeId: grant.state.programmeId, fundId: grant.state.fundId, householdKey: grant.state.householdKey };
      const programme = await loadProgramme(this.store, target.programmeId);
      if (!programme) throw grantNotFound(grantId);
      await access(grant.state, programme);
      return this.plan(target, command(today), context, 200, programme, grant);
    });
  }

  /** Decides a proposal without appending: run before a new person is enrolled, so a refusal leaves nobody behind. */
  async check(target: GrantTarget, programme: EstablishedProgramme, command: AidGrantCommand): Promise<void> {
    const [fund, household] = await Promise.all([
      this.writer.loadFund(target.fundId),
      loadStream(this.store, householdAidEvolution, householdAidStreamName(target.programmeId, target.householdKey)),
    ]);
    decideAid(command, { grant: aidGrantEvolution.initialState(), fund: fund.state, household: household.state, programme });
  }

  /** A new grant. */
  async propose(meta: RequestMeta, idempotent: IdempotentRequest | undefined, target: GrantTarget, programme: EstablishedProgramme, command: AidGrantCommand): Promise<Written> {
    return this.writer.write(meta, idempotent, async (context) => this.plan(target, command, context, 201, programme), fundStreamName(target.fundId));
  }

  private async plan(
    target: GrantTarget,
    command: AidGrantCommand,
    context: CommandContext,
    status: number,
    programme: EstablishedProgramme,
    loadedGrant?: LoadedStream<AidGrantState>,
  ) {
    const grantStream = aidGrantStreamName(target.grantId);
    const fundStream = fundStreamName(target.fundId);
    const householdStream = householdAidStreamName(target.programmeId, target.householdKey);
    const [grant, fund, household] = await Promise.all([
      loadedGrant ?? loadStream(this.store, aidGrantEvolution, grantStream),
      this.writer.loadFund(target.fundId),
      loadStream(this.store, householdAidEvolution, householdStream),
    ]);
    const world: AidWorld = { grant: grant.state, fund: fund.state, household: household.state, programme };
    const decision = decideAid(command, world);
    const appends: StreamAppend[] = [
      { streamName: grantStream, expectedRevision: expectedFrom(grant.revision), events: toEventsToAppend(decision.grant, context) },
      { streamName: fundStream, expectedRevision: expectedFrom(fund.revision), events: toEventsToAppend(decision.fund, context) },
      { streamName: householdStream, expectedRevision: expectedFrom(household.revision), events: toEventsToAppend(decision.household, context) },
    ];
    const revision = revisionAfter(grant.revision, decision.grant.length);
    const after = decision.grant.reduce(aidGrantEvolution.evolve, grant.state);
    return {
      appends,
      primaryStream: grantStream,
      answer: {
        status,
        location: `/api/aid-grants/${target.grantId}`,
        body: { id: target.grantId, status: after.status, revision: Number(revision), etag: etagFor(revision) },
      },
    };
  }
}
