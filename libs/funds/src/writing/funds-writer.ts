import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createCommandContext,
  EventStore,
  formatPosition,
  StreamStateCache,
  toEventsToAppend,
  type LoadedStream,
  WrongExpectedRevisionError,
  type CommandContext,
  type StreamAppend,
} from '#event-store';
import { IdempotentRequests, type IdempotentAnswer, type IdempotentRequest, type RequestMeta } from '#http';
import { Clock, IdGenerator, KeyedQueue, shanghaiDate } from '#shared-kernel';
import { fundDecider, type FundState } from '../fund.decider.js';
import { fundStreamName } from '../funds.streams.js';

/** What one attempt of a command will append, the answer it will give, and the stream whose position it reports. */
export interface WritePlan {
  readonly appends: readonly StreamAppend[];
  readonly answer: IdempotentAnswer;
  readonly primaryStream: string;
}

export interface Written {
  readonly answer: IdempotentAnswer;
  /** The position to wait for before reading the result back; null when nothing was appended. */
  readonly position: string | null;
  /** True when this was a retry answered from the first request's record. */
  readonly replayed: boolean;
}

/**
 * Money moves under contention: fifty caseworkers may reserve from one fund in the same second. A lost race is
 * decided again on fresh state (each round lets at least one writer through, so this ends), with a little jitter so
 * the losers do not all return at once. An If-Match the caller pinned is checked by the plan itself and never retried.
 */
const RACE_RETRIES = 200;

@Injectable()
export class FundsWriter {
  /**
   * Writes to one fund from this process take turns: fifty grants at once would otherwise each read the fund, all
   * but one lose the race, read it again, and so on (measured: 64 connections granting from one fund got 5 grants/s).
   * Other processes still race, and the retries below settle that.
   */
  private readonly lanes = new KeyedQueue();
  /** A fund's stream grows with every grant from it; a command reads only what came since the last. */
  private readonly funds: StreamStateCache;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly idempotency: IdempotentRequests,
  ) {
    this.funds = new StreamStateCache(store);
  }

  loadFund(fundId: string): Promise<LoadedStream<FundState>> {
    return this.funds.load(fundDecider, fundStreamName(fundId));
  }

  newId(): string {
    return this.ids.newId();
  }

  today(): string {
    return shanghaiDate(this.clock.now());
  }

  context(meta: RequestMeta): { context: CommandContext; today: string } {
    const context = createCommandContext(meta, this.clock, this.ids);
    return { context, today: shanghaiDate(context.now) };
  }

  /** `lane`: the stream the command is known to contend for (a fund's), so writes to it in this process take turns. */
  async write(
    meta: RequestMeta,
    idempotent: IdempotentRequest | undefined,
    plan: (context: CommandContext, today: string) => Promise<WritePlan>,
    lane?: string,
  ): Promise<Written> {
    return lane === undefined ? this.attempt(meta, idempotent, plan) : this.lanes.run(lane, () => this.attempt(meta, idempotent, plan));
  }

  private async attempt(
    meta: RequestMeta,
    idempotent: IdempotentRequest | undefined,
    plan: (context: CommandContext, today: string) => Promise<WritePlan>,
  ): Promise<Written> {
    const { context, today } = this.context(meta);
    for (let attempt = 0; ; attempt++) {
      const previous = await this.idempotency.previousAnswer(idempotent);
      if (previous) return { answer: previous, position: formatPosition(previous.position), replayed: true };
      let planned: WritePlan;
      try {
        planned = await plan(context, today);
      } catch (error) {
        // A copy of this request may have committed between our look at the key and our read of the records,
        // so the records refuse what it already did: its answer is ours.
        const committed = await this.idempotency.previousAnswer(idempotent);
        if (committed) return { answer: committed, position: formatPosition(committed.position), replayed: true };
        throw error;
      }
      const { appends, answer, primaryStream } = planned;
      const writing = appends.filter((append) => append.events.length > 0);
      if (writing.length === 0) return { answer, position: null, replayed: false };
      const claim = this.idempotency.claim(idempotent, answer, (event) => toEventsToAppend([event], context)[0]);
      try {
        const results = await this.store.appendToStreams([...writing, ...claim]);
        const primary = results.get(primaryStream) ?? [...results.values()][0];
        return { answer, position: formatPosition(primary.position), replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= RACE_RETRIES) throw error;
        await sleep(Math.random() * Math.min(50, 2 + attempt));
      }
    }
  }
}

/** The revision a stream will have after the append, for the answer's ETag. */
export function revisionAfter(revision: bigint, appended: number): bigint {
  return revision + BigInt(appended);
}
