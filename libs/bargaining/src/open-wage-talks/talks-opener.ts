import { Injectable } from '@nestjs/common';
import {
  createCommandContext,
  EventStore,
  expectedFrom,
  foldStream,
  formatPosition,
  NO_REVISION,
  NO_STREAM,
  toEventsToAppend,
  WrongExpectedRevisionError,
  type StreamAppend,
} from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { isWithin, UnitDirectory } from '#identity';
import { enterpriseStreamName, unionStreamName } from '#organizing';
import { Clock, DomainError, IdGenerator, shanghaiDate } from '#shared-kernel';
import type { TalksScope, TalksTopic } from '../bargaining.vocabulary.js';
import { talksClaimStreamName, wageTalksStreamName } from '../bargaining.streams.js';
import { enterpriseFactsFrom, unionUnitFrom } from '../organizing-facts.js';
import { decideTalksOpening, type CoveredEnterpriseFacts } from '../talks-opening.decider.js';
import { checkRenewable, isOpenOn, wageTalksEvolution } from '../wage-talks.decider.js';

export interface TalksToOpen {
  scope: TalksScope;
  coveredEnterpriseIds: string[];
  initiatingUnionId: string;
  offerDate: string;
  topics: TalksTopic[];
  unitId: string;
}

export interface OpenedTalks {
  talksId: string;
  revision: bigint;
  position: string;
}

const RACE_RETRIES = 3;

/**
 * Opens talks (or renews an agreement by opening linked talks): appends WageTalksOpened to the new talks'
 * stream and a claim to each covered enterprise's claim stream for the scope, each at the revision read, in one
 * atomic append. Of two openings racing for one enterprise one append fails; deciding again on fresh state then
 * refuses it with 409. A renewal also appends to the renewed talks, so it cannot be renewed twice.
 */
@Injectable()
export class TalksOpener {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  async open(request: TalksToOpen, actor: Actor, meta: RequestMeta): Promise<OpenedTalks> {
    await this.units.requireWithinScope(actor, request.unitId, 'unitId');
    return this.openChecked(request, null, actor, meta);
  }

  async renew(
    renewedTalksId: string,
    request: { initiatingUnionId: string; requestedOn: string; topics: TalksTopic[] },
    actor: Actor,
    meta: RequestMeta,
  ): Promise<OpenedTalks> {
    return this.openChecked(
      { initiatingUnionId: request.initiatingUnionId, offerDate: request.requestedOn, topics: request.topics },
      renewedTalksId,
      actor,
      meta,
    );
  }

  private async openChecked(
    request: Pick<TalksToOpen, 'initiatingUnionId' | 'offerDate' | 'topics'> & Partial<TalksToOpen>,
    renewedTalksId: string | null,
    actor: Actor,
    meta: RequestMeta,
  ): Promise<OpenedTalks> {
    const context = createCommandContext(meta, this.clock, this.ids);
    const today = shanghaiDate(context.now);
    const talksId = this.ids.newId();
    for (let attempt = 0; ; attempt++) {
      const appends: StreamAppend[] = [];
      let talks = request as TalksToOpen;
      if (renewedTalksId) {
        // The renewed talks give the scope, the enterprises and the unit; talks outside the caller's units are not found.
        const renewed = foldStream(wageTalksEvolution, await this.store.readStream(wageTalksStreamName(renewedTalksId)));
        if (renewed.state.status === 'none' || !(await this.units.isInScope(actor, renewed.state.talks.unitId))) {
          throw new DomainError('BARGAINING.TALKS_NOT_FOUND', 'not_found', `No wage talks ${renewedTalksId}`);
        }
        const old = checkRenewable(renewed.state, request.offerDate, today);
        talks = { ...request, scope: old.scope, coveredEnterpriseIds: [...old.coveredEnterpriseIds], unitId: old.unitId };
        appends.push({ streamName: wageTalksStreamName(renewedTalksId), expectedRevision: expectedFrom(renewed.revision), events: [] });
      }
      const facts = await this.gatherFacts(talks, actor, today);
      const decision = decideTalksOpening(
        { type: 'OpenWageTalks', data: { ...talks, talksId, renewsTalksId: renewedTalksId, today } },
        { unionExists: facts.unionExists, enterprises: facts.enterprises, openTalksCovering: facts.openTalksCovering },
      );
      if (decision.renewed) appends[0] = { ...appends[0], events: toEventsToAppend([decision.renewed], context) };
      appends.push({ streamName: wageTalksStreamName(talksId), expectedRevision: NO_STREAM, events: toEventsToAppend(decision.talks, context) });
      for (const [enterpriseId, events] of decision.claims) {
        appends.push({
          streamName: talksClaimStreamName(talks.scope, enterpriseId),
          expectedRevision: expectedFrom(facts.claimRevisions.get(enterpriseId) ?? NO_REVISION),
          events: toEventsToAppend(events, context),
        });
      }
      try {
        const results = await this.store.appendToStreams(appends);
        const result = results.get(wageTalksStreamName(talksId))!;
        return { talksId, revision: result.nextExpectedRevision, position: formatPosition(result.position) };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < RACE_RETRIES) continue;
        throw error;
      }
    }
  }

  /**
   * The union and enterprises as the organizing context's streams have them now. Enterprises and unions outside
   * the caller's units read as absent, as ids that do not exist would; enterprises the caller sees must sit in the
   * talks' unit or below it.
   */
  private async gatherFacts(talks: TalksToOpen, actor: Actor, today: string) {
    const unionUnit = unionUnitFrom(await this.store.readStream(unionStreamName(talks.initiatingUnionId)));
    const unionExists = await this.units.isInScope(actor, unionUnit);
    const talksUnit = await this.units.find(talks.unitId);
    const enterprises = new Map<string, CoveredEnterpriseFacts>();
    const openTalksCovering = new Map<string, string>();
    const claimRevisions = new Map<string, bigint>();
    for (const enterpriseId of new Set(talks.coveredEnterpriseIds)) {
      const facts = enterpriseFactsFrom(await this.store.readStream(enterpriseStreamName(enterpriseId)));
      if (facts.status === 'unregistered') continue;
      const unit = await this.units.find(facts.unitId);
      if (!isWithin(unit, actor.unitId)) continue;
      if (!talksUnit || !isWithin(unit, talksUnit.unitId)) {
        throw new DomainError('BARGAINING.ENTERPRISE_OUTSIDE_UNIT', 'unprocessable', `Enterprise ${enterpriseId} belongs to a unit outside the talks' unit`, [
          { field: `coveredEnterpriseIds[${talks.coveredEnterpriseIds.indexOf(enterpriseId)}]`, reason: "is not in the talks' unit or a unit below it" },
        ]);
      }
      enterprises.set(enterpriseId, facts);
      const [claim] = await this.store.readStream(talksClaimStreamName(talks.scope, enterpriseId), { direction: 'backwards', maxCount: 1 });
      claimRevisions.set(enterpriseId, claim ? claim.revision : NO_REVISION);
      if (claim) {
        const holderId = String(claim.data.talksId);
        const holder = foldStream(wageTalksEvolution, await this.store.readStream(wageTalksStreamName(holderId)));
        if (isOpenOn(holder.state, today)) openTalksCovering.set(enterpriseId, holderId);
      }
    }
    return { unionExists, enterprises, openTalksCovering, claimRevisions };
  }
}
