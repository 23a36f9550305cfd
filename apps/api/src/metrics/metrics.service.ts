import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AuditTrail } from '#audit-trail';
import type { ProjectionProgress, ProjectorMetrics } from '#projections';

export const METRIC_PREFIX = 'unioncase_';

/**
 * The app's Prometheus metrics, in a registry of its own (tests start many apps in one process; prom-client's
 * global registry would mix them). Lag figures are measured when scraped, so a scrape shows the state of that
 * moment; the applied-events counter and the batch-duration histogram are fed by the projector as batches commit.
 */
@Injectable()
export class MetricsService implements ProjectorMetrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly applied: Counter<'projection'>;
  private readonly batchDuration: Histogram<'projection'>;
  private projections?: () => Promise<ProjectionProgress[]>;
  /** One measurement per scrape, shared by the gauges that show it (they are collected together). */
  private measuring?: Promise<ProjectionProgress[] | undefined>;

  constructor(private readonly auditTrail: AuditTrail) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    this.applied = new Counter({
      name: `${METRIC_PREFIX}projection_events_applied_total`,
      help: 'Events applied to the read model, per projection (events of types the projection does not handle are not counted)',
      labelNames: ['projection'],
      registers,
    });
    this.batchDuration = new Histogram({
      name: `${METRIC_PREFIX}projection_batch_duration_seconds`,
      help: 'Time to apply one batch of events and move the checkpoint, in one transaction, per projection',
      labelNames: ['projection'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const perProjection = (name: string, help: string, value: (progress: ProjectionProgress) => number) =>
      new Gauge({
        name: `${METRIC_PREFIX}${name}`,
        help,
        labelNames: ['projection'],
        registers,
        collect: async function (this: Gauge<'projection'>) {
          this.reset();
          for (const progress of (await measure()) ?? []) this.set({ projection: progress.lag.projection }, value(progress));
        },
      });
    const measure = () => this.measure();
    perProjection(
      'projection_lag_positions',
      'Global log positions between the checkpoint and the committed head (PostgreSQL: transaction ids; EventStoreDB: bytes of the log); 0 when caught up',
      (p) => p.lag.positionsBehind,
    );
    perProjection(
      'projection_lag_events',
      'Committed events after the checkpoint (capped at 100000 on PostgreSQL, 1000 on EventStoreDB)',
      (p) => p.lag.eventsBehind,
    );
    perProjection('projection_lag_seconds', 'Age of the oldest committed event not yet projected; 0 when caught up', (p) => p.lag.millisecondsBehind / 1000);
    perProjection('projection_checkpoint_position', 'Commit position of the last event the projection applied', (p) => Number(p.checkpoint.commit));
    perProjection('projection_up', '1 while the projection runs without a failing batch, else 0', (p) => (p.lag.running && !p.lag.lastError ? 1 : 0));
    new Gauge({
      name: `${METRIC_PREFIX}event_store_head_position`,
      help: 'Commit position of the newest committed event in the log',
      registers,
      collect: async function (this: Gauge) {
        this.reset();
        const measured = await measure();
        if (measured?.length) this.set(Math.max(...measured.map((p) => Number(p.head.commit))));
      },
    });
    const logger = this.logger;
    new Gauge({
      name: `${METRIC_PREFIX}audit_chain_lag_events`,
      help: 'Committed events in the log not yet chained by the audit sealer',
      registers,
      collect: async function (this: Gauge) {
        this.reset();
        try {
          this.set((await auditTrail.lag()).eventsBehind);
        } catch (error) {
          logger.warn(`Could not measure the audit chain's lag: ${(error as Error).message}`);
        }
      },
    });
  }

  /** Called by the projector's owner: where the projection gauges get their figures. */
  watchProjections(progress: () => Promise<ProjectionProgress[]>): void {
    this.projections = progress;
  }

  batchCommitted(projection: string, eventsApplied: number, seconds: number): void {
    this.applied.inc({ projection }, eventsApplied);
    this.batchDuration.observe({ projection }, seconds);
  }

  /** The Prometheus text exposition of every metric. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private measure(): Promise<ProjectionProgress[] | undefined> {
    if (!this.projections) return Promise.resolve(undefined);
    this.measuring ??= this.projections()
      .catch((error: unknown) => {
        // A scrape still answers (process metrics, counters); the lag gauges are left out of it.
        this.logger.warn(`Could not measure projection lag: ${(error as Error).message}`);
        return undefined;
      })
      .finally(() => setImmediate(() => (this.measuring = undefined)));
    return this.measuring;
  }
}
