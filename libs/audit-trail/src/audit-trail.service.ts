import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventStore, START, type RecordedEvent } from '#event-store';
import { Clock } from '#shared-kernel';
import { ChainSealer, type SealerLag } from './chain-sealer.js';
import { chainStore, type ChainLink } from './chain-store.js';
import { CheckpointSigner, type Checkpoint } from './checkpoint-signature.js';
import { verifyChain, type VerifyReport } from './verify-chain.js';

export const AUDIT_TRAIL_OPTIONS = Symbol('AUDIT_TRAIL_OPTIONS');

export interface AuditTrailOptions {
  /** The installation's Ed25519 private key: signs checkpoints. */
  readonly signingKey: KeyObject;
  /** Run the sealer in this process (off in one-shot commands). */
  readonly sealerEnabled: boolean;
  readonly checkpointEvery: number;
  readonly checkpointIntervalMs: number;
  readonly pollIntervalMs?: number;
}

const LOG_BATCH = 500;
const CHAIN_BATCH = 1000;

/** The chain's sealer, running from bootstrap to shutdown, and verification of the log against the chain. */
@Injectable()
export class AuditTrail implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly signer: CheckpointSigner;
  private readonly sealer: ChainSealer;

  constructor(
    private readonly store: EventStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(AUDIT_TRAIL_OPTIONS) private readonly options: AuditTrailOptions,
  ) {
    this.signer = new CheckpointSigner(options.signingKey);
    this.sealer = new ChainSealer(store, dataSource, this.signer, clock, new Logger('AuditChain'), {
      checkpointEvery: options.checkpointEvery,
      checkpointIntervalMs: options.checkpointIntervalMs,
      pollIntervalMs: options.pollIntervalMs,
    });
  }

  onApplicationBootstrap(): void {
    if (this.options.sealerEnabled) this.sealer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sealer.stop();
  }

  get sealerEnabled(): boolean {
    return this.options.sealerEnabled;
  }

  lag(): Promise<SealerLag> {
    return this.sealer.lag();
  }

  /** Chains everything in the log now and records a checkpoint at the head; undefined while the log is empty. */
  checkpointNow(): Promise<Checkpoint | undefined> {
    return this.sealer.checkpointNow();
  }

  checkpoints(page: number, pageSize: number) {
    return chainStore.checkpointPage(this.dataSource, page, pageSize);
  }

  /**
   * Replays the log through the event-store port beside the chain, recomputing every hash, and reports the first
   * event that was altered, removed, reordered or inserted, or that everything holds up to the latest checkpoint.
   * `publicKey` defaults to this installation's; an auditor's own copy may be given instead.
   */
  async verify(options: { keptCheckpoint?: Checkpoint; publicKey?: KeyObject } = {}): Promise<VerifyReport> {
    const chainedEvents = (await chainStore.head(this.dataSource))?.sequence ?? 0;
    const checkpoints = await chainStore.checkpointsUpTo(this.dataSource, chainedEvents);
    return verifyChain({
      log: this.readLog(),
      chain: this.readChain(chainedEvents),
      chainedEvents,
      checkpoints,
      keptCheckpoint: options.keptCheckpoint,
      publicKey: options.publicKey ?? this.signer.publicKey,
      linkOf: (eventId) => chainStore.linkOf(this.dataSource, eventId),
      logHolds: async (link) => {
        const [event] = await this.store.readStream(link.streamName, { fromRevision: link.revision, maxCount: 1 });
        return event?.revision === link.revision && event.metadata.eventId === link.eventId;
      },
      now: this.clock.now(),
    });
  }

  private async *readLog(): AsyncGenerator<RecordedEvent> {
    for (let after = START; ; ) {
      const slice = await this.store.readAll({ after, maxCount: LOG_BATCH });
      yield* slice.events;
      if (slice.isEnd) return;
      after = slice.lastPosition;
    }
  }

  private async *readChain(upTo: number): AsyncGenerator<ChainLink> {
    for (let after = 0; after < upTo; ) {
      const links = await chainStore.links(this.dataSource, after, CHAIN_BATCH, upTo);
      if (!links.length) return;
      yield* links;
      after = links[links.length - 1].sequence;
    }
  }
}
