import { START, type EventStore } from '#event-store';
import type { Clock } from '#shared-kernel';
import type { DataSource } from 'typeorm';
import { chainStore, parsePosition } from './chain-store.js';
import type { Checkpoint, CheckpointSigner } from './checkpoint-signature.js';
import { linkEvents } from './event-hash.js';

export interface SealerOptions {
  /** A checkpoint after this many newly chained events. */
  readonly checkpointEvery: number;
  /** ... and one at most this long after the last, when anything was chained since. */
  readonly checkpointIntervalMs: number;
  /** Events read and chained per transaction. */
  readonly batchSize?: number;
  /** How often an idle sealer looks for new events. */
  readonly pollIntervalMs?: number;
  readonly retryDelayMs?: number;
}

export interface SealerLogger {
  log(message: string): void;
  error(message: string, trace?: string): void;
}

export interface SealerLag {
  readonly running: boolean;
  readonly chainedEvents: number;
  readonly chainHeadPosition: string | null;
  /** Committed events in the log after the chain's head (exact unless `eventsBehindCapped`: then at least this many). */
  readonly eventsBehind: number;
  /** True when counting stopped at the store's limit. */
  readonly eventsBehindCapped: boolean;
  readonly latestCheckpoint: { sequence: number; createdAt: string } | null;
  readonly lastError?: string;
}


/**
 * Follows the log in position order, through the event-store port, and chains every event to the one before it:
 * content hash = SHA-256 of the event's canonical text, chain hash = SHA-256(previous chain hash || content hash).
 * Each batch of links, and the checkpoint that may end it, is one transaction under the chain's lock, resumed from
 * the last link's position, so a crash loses at most the open batch and two processes never chain an event twice.
 *
 * A loop over `readAll` rather than `subscribeToAll`: the sealer must also wake when no event comes, to write the
 * checkpoint the interval asks for, and a second of delay costs nothing here.
 */
export class ChainSealer {
  private readonly controller = new AbortController();
  private run?: Promise<void>;
  private lastError?: string;
  private readonly batchSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly signer: CheckpointSigner,
    private readonly clock: Clock,
    private readonly logger: SealerLogger,
    private readonly options: SealerOptions,
  ) {
    if (!Number.isInteger(options.checkpointEvery) || options.checkpointEvery < 1) throw new RangeError('checkpointEvery must be at least 1');
    this.batchSize = Math.min(options.batchSize ?? 500, options.checkpointEvery);
  }

  start(): void {
    this.run ??= this.supervise();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.run;
  }

  /**
   * Chains one batch past the head, and writes a checkpoint if one is due (or `forceCheckpoint` and anything is
   * chained past the latest). Returns how many events it chained and whether it reached the end of the log.
   */
  async sealBatch(forceCheckpoint = false): Promise<{ chained: number; atEnd: boolean; checkpoint?: Checkpoint }> {
    return this.dataSource.transaction(async (manager) => {
      await chainStore.lock(manager);
      const head = await chainStore.head(manager);
      const latest = await chainStore.latestCheckpoint(manager);
      const sinceCheckpoint = (head?.sequence ?? 0) - (latest?.sequence ?? 0);
      // Batches end where a count checkpoint falls, so those land exactly every `checkpointEvery` events.
      const room = this.options.checkpointEvery - (sinceCheckpoint % this.options.checkpointEvery);
      const slice = await this.store.readAll({ after: head ? parsePosition(head.position) : undefined, maxCount: Math.min(this.batchSize, room) });
      const links = linkEvents(slice.events, head);
      await chainStore.append(manager, links);
      const newHead = links[links.length - 1] ?? head;
      const newSince = sinceCheckpoint + links.length;
      const due =
        newSince >= this.options.checkpointEvery ||
        (newSince > 0 && (forceCheckpoint || !latest || this.clock.now().getTime() - Date.parse(latest.createdAt) >= this.options.checkpointIntervalMs));
      let checkpoint: Checkpoint | undefined;
      if (due && newHead) {
        checkpoint = this.signer.sign({
          sequence: newHead.sequence,
          position: newHead.position,
          eventId: newHead.eventId,
          chainHash: newHead.chainHash.toString('hex'),
          createdAt: this.clock.now().toISOString(),
        });
        await chainStore.saveCheckpoint(manager, checkpoint);
      }
      return { chained: links.length, atEnd: slice.isEnd, checkpoint };
    });
  }

  /**
   * Chains everything a reader of the log sees now and records a checkpoint at the head (unless the latest one is
   * already there). Returns the latest checkpoint, or undefined while the log is empty.
   */
  async checkpointNow(): Promise<Checkpoint | undefined> {
    while (!(await this.sealBatch()).atEnd);
    // Whatever came since the loop's last read is chained here too, and the checkpoint lands on it.
    const { checkpoint } = await this.sealBatch(true);
    return checkpoint ?? (await chainStore.latestCheckpoint(this.dataSource));
  }

  async lag(): Promise<SealerLag> {
    const head = await chainStore.head(this.dataSource);
    const latest = await chainStore.latestCheckpoint(this.dataSource);
    const behind = await this.store.progressAfter(head ? parsePosition(head.position) : START);
    return {
      running: this.run !== undefined && !this.controller.signal.aborted,
      chainedEvents: head?.sequence ?? 0,
      chainHeadPosition: head?.position ?? null,
      eventsBehind: behind.eventsAfter,
      eventsBehindCapped: !behind.exact,
      latestCheckpoint: latest ? { sequence: latest.sequence, createdAt: latest.createdAt } : null,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private async supervise(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        const { atEnd } = await this.sealBatch();
        this.lastError = undefined;
        if (atEnd) await this.sleep(this.options.pollIntervalMs ?? 1000);
      } catch (error) {
        if (signal.aborted) return;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.error(`Sealing the audit chain failed; resuming from its head: ${this.lastError}`, (error as Error).stack);
        await this.sleep(this.options.retryDelayMs ?? 1000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.controller.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
