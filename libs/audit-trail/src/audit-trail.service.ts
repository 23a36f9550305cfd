import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventStore } from '#event-store';
import { Clock } from '#shared-kernel';
import { ChainSealer, type SealerLag, type SealerLogger } from './chain-sealer.js';
import { chainStore } from './chain-store.js';
import { CheckpointSigner, type Checkpoint } from './checkpoint-signature.js';
import type { VerifyReport } from './verify-chain.js';
import { verifyLog } from './verify/verify-log.js';

export const AUDIT_TRAIL_OPTIONS = Symbol('AUDIT_TRAIL_OPTIONS');

export interface AuditTrailOptions {
  /** The installation's Ed25519 private key: signs checkpoints. */
  readonly signingKey: KeyObject;
  /** Run the sealer in this process (off in one-shot commands). */
  readonly sealerEnabled: boolean;
  readonly checkpointEvery: number;
  readonly checkpointIntervalMs: number;
  readonly pollIntervalMs?: number;
  /** Where the sealer reports; a Nest Logger named AuditChain by default. */
  readonly logger?: SealerLogger;
}

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
    this.sealer = new ChainSealer(store, dataSource, this.signer, clock, options.logger ?? new Logger('AuditChain'), {
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

  /** See `verifyLog`; `publicKey` defaults to this installation's, an auditor may give their own copy. */
  verify(options: { keptCheckpoint?: Checkpoint; publicKey?: KeyObject } = {}): Promise<VerifyReport> {
    return verifyLog({
      store: this.store,
      dataSource: this.dataSource,
      publicKey: options.publicKey ?? this.signer.publicKey,
      keptCheckpoint: options.keptCheckpoint,
      now: this.clock.now(),
    });
  }
}
