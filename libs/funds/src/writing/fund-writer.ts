import { Injectable } from '@nestjs/common';
import { EventStore, exactly, expectedFrom, loadStream, toEventsToAppend, WrongExpectedRevisionError, type CommandContext, type StreamAppend } from '#event-store';
import { etagFor, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { DomainError } from '#shared-kernel';
import { fundDecider, type FundCommand, type OpenFund } from '../fund.decider.js';
import { fundStreamName } from '../funds.streams.js';
import { FundsWriter, revisionAfter, type Written } from './funds-writer.js';

export function fundNotFound(fundId: string): DomainError {
  return new DomainError('FUNDS.FUND_NOT_FOUND', 'not_found', `No fund ${fundId}`);
}

/** Money in and fund-to-fund transfers: the fund must be one of the caller's units. */
@Injectable()
export class FundWriter {
  constructor(
    private readonly store: EventStore,
    private readonly writer: FundsWriter,
    private readonly units: UnitDirectory,
  ) {}

  newId(): string {
    return this.writer.newId();
  }

  async write(
    fundId: string,
    actor: Actor,
    meta: RequestMeta,
    idempotent: IdempotentRequest | undefined,
    expectedRevision: bigint | undefined,
    command: (fund: OpenFund, today: string, context: CommandContext) => Promise<{ command: FundCommand; alsoAppend?: StreamAppend; answer: { id: string; location: string } }>,
  ): Promise<Written> {
    const stream = fundStreamName(fundId);
    return this.writer.write(meta, idempotent, async (context, today) => {
      const fund = await this.writer.loadFund(fundId);
      if (fund.state.status !== 'open' || !(await this.units.isInScope(actor, fund.state.unitId))) throw fundNotFound(fundId);
      if (expectedRevision !== undefined && expectedRevision !== fund.revision) {
        throw new WrongExpectedRevisionError(stream, exactly(expectedRevision), fund.revision);
      }
      const planned = await command(fund.state, today, context);
      const events = fundDecider.decide(planned.command, fund.state);
      const revision = revisionAfter(fund.revision, events.length);
      const appends: StreamAppend[] = [{ streamName: stream, expectedRevision: expectedFrom(fund.revision), events: toEventsToAppend(events, context) }];
      if (planned.alsoAppend) appends.push(planned.alsoAppend);
      return {
        appends,
        primaryStream: stream,
        answer: { status: 201, location: planned.answer.location, body: { id: planned.answer.id, fundId, revision: Number(revision), etag: etagFor(revision) } },
      };
    }, stream);
  }
}
