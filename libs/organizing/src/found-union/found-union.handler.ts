import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  createCommandContext,
  EventStore,
  expectedFrom,
  foldStream,
  formatPosition,
  NO_STREAM,
  toEventsToAppend,
  WrongExpectedRevisionError,
  type LoadedStream,
} from '#event-store';
import { Clock, DomainError, IdGenerator, shanghaiDate } from '#shared-kernel';
import type { Actor, RequestMeta } from '#http';
import { isWithin, UnitDirectory, type UnitFacts } from '#identity';
import { enterpriseDecider, type EnterpriseState } from '../enterprise.decider.js';
import { enterpriseStreamName, unionStreamName } from '../organizing.streams.js';
import { decideUnionFounding } from '../union.decider.js';
import type { FoundUnionDto } from './found-union.dto.js';

export interface FoundedUnion {
  unionId: string;
  revision: bigint;
  position: string;
}

export class FoundUnionCommand extends Command<FoundedUnion> {
  constructor(
    readonly data: FoundUnionDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

const RACE_RETRIES = 3;

/**
 * Appends UnionFounded to the new union's stream and EnterpriseUnionized to each covered enterprise's stream
 * in one atomic append, each at the revision read. Of two foundings racing for one enterprise, one append
 * fails; deciding again on the fresh state then refuses it with 409.
 */
@CommandHandler(FoundUnionCommand)
export class FoundUnionHandler implements ICommandHandler<FoundUnionCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ data, actor, meta }: FoundUnionCommand): Promise<FoundedUnion> {
    const context = createCommandContext(meta, this.clock, this.ids);
    const unionUnit = await this.units.requireWithinScope(actor, data.unitId, 'unitId');
    const unionId = this.ids.newId();
    for (let attempt = 0; ; attempt++) {
      const enterprises = await this.loadEnterprises(data.coveredEnterpriseIds);
      await this.checkUnits(enterprises, data.coveredEnterpriseIds, actor, unionUnit);
      const decision = decideUnionFounding(
        { type: 'FoundUnion', data: { ...data, unionId, today: shanghaiDate(context.now) } },
        { status: 'none' },
        new Map([...enterprises].map(([id, loaded]) => [id, loaded.state])),
      );
      try {
        const results = await this.store.appendToStreams([
          { streamName: unionStreamName(unionId), expectedRevision: NO_STREAM, events: toEventsToAppend(decision.union, context) },
          ...decision.enterprises.map(([enterpriseId, events]) => ({
            streamName: enterpriseStreamName(enterpriseId),
            expectedRevision: expectedFrom(enterprises.get(enterpriseId)!.revision),
            events: toEventsToAppend(events, context),
          })),
        ]);
        const result = results.get(unionStreamName(unionId))!;
        return { unionId, revision: result.nextExpectedRevision, position: formatPosition(result.position) };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < RACE_RETRIES) continue;
        throw error;
      }
    }
  }

  /**
   * Enterprises outside the caller's units are left out, so the decision reports them as unregistered, as it
   * would for ids that do not exist. Those the caller sees must sit in the union's unit or below it.
   */
  private async checkUnits(
    enterprises: Map<string, LoadedStream<EnterpriseState>>,
    coveredIds: readonly string[],
    actor: Actor,
    unionUnit: UnitFacts,
  ): Promise<void> {
    for (const [index, enterpriseId] of coveredIds.entries()) {
      const state = enterprises.get(enterpriseId)?.state;
      if (!state || state.status === 'unregistered') continue;
      const unit = await this.units.find(state.unitId);
      if (!isWithin(unit, actor.unitId)) {
        enterprises.delete(enterpriseId);
      } else if (!isWithin(unit, unionUnit.unitId)) {
        throw new DomainError(
          'ORGANIZING.ENTERPRISE_OUTSIDE_UNION_UNIT',
          'unprocessable',
          `Enterprise ${enterpriseId} belongs to a unit outside ${unionUnit.name}`,
          [{ field: `coveredEnterpriseIds[${index}]`, reason: "is not in the union's unit or a unit below it" }],
        );
      }
    }
  }

  private async loadEnterprises(ids: readonly string[]): Promise<Map<string, LoadedStream<EnterpriseState>>> {
    const loaded = await Promise.all(
      [...new Set(ids)].map(async (id) => [id, foldStream(enterpriseDecider, await this.store.readStream(enterpriseStreamName(id)))] as const),
    );
    return new Map(loaded);
  }
}
