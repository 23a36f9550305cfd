import { Injectable, type BeforeApplicationShutdown, type MessageEvent, type OnApplicationShutdown } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { catchError, distinctUntilChanged, EMPTY, filter, finalize, from, interval, map, merge, Observable, share, shareReplay, Subject, switchMap, takeUntil, type MonoTypeOperatorFunction } from 'rxjs';
import { ProjectionCommits } from '#projections';
import { STATISTICS_PROJECTION, StatisticsQueries } from '../queries/statistics-queries.js';
import { DashboardService, type Dashboard, type ResolvedPeriod } from './dashboard.service.js';

/** How often an idle stream sends a comment, so proxies keep it open and a client that left is noticed. */
export const HEARTBEAT_MS = 15_000;

/**
 * How often the newest fact is looked up when the projector runs in another process (`npm run project`, the API
 * with PROJECTOR_ENABLED=false): no commit is heard of then. One query per interval, shared by every open stream.
 */
export const FACT_POLL_MS = 250;

/** What changes when figures change: everything but the time it was computed and the checkpoint. */
const figuresOf = (dashboard: Dashboard) => JSON.stringify({ ...dashboard, generatedAt: undefined, checkpoint: undefined });

/**
 * The dashboard, live: sent once on connecting, then again each time the statistics projection commits a batch
 * that changes this unit's figures (heard from the projector in this process, or seen by polling the newest fact
 * when it runs elsewhere). Every open stream completes when the app shuts down, so an open connection
 * never holds up `app.close()`.
 */
@Injectable()
export class DashboardStream implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly shutdown = new Subject<void>();
  private readonly responses = new Set<ServerResponse>();
  private readonly shared = new Map<string, Observable<Dashboard>>();
  /** A fact was written (polled): started with the first stream that needs it, stopped with the last. */
  private readonly factsWritten: Observable<unknown>;

  constructor(
    private readonly dashboards: DashboardService,
    private readonly commits: ProjectionCommits,
    queries: StatisticsQueries,
  ) {
    this.factsWritten = interval(FACT_POLL_MS).pipe(
      // A failed look-up (the database restarting) is skipped: the next one tells.
      switchMap(() => from(queries.latestFactPosition()).pipe(catchError(() => EMPTY))),
      // The first look-up counts as a change too: facts may have come between the first dashboard and it.
      distinctUntilChanged(),
      share(),
    );
  }

  /** The stream for one request; `response` is the request's, so shutdown can close its connection. */
  open(period: ResolvedPeriod, response?: ServerResponse): Observable<MessageEvent> {
    const dashboards = this.dashboardsOf(period).pipe(map((dashboard): MessageEvent => ({ type: 'dashboard', id: dashboard.checkpoint, data: dashboard })));
    const heartbeats = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ comment: 'heartbeat' })));
    return merge(dashboards, heartbeats).pipe(
      takeUntil(this.shutdown),
      tracked(this.responses, response),
    );
  }

  /**
   * The dashboards of one unit, period and as-of, as they change: one computation per change however many
   * streams show them (every supervisor of a district watching it), the latest replayed to a stream that joins.
   */
  private dashboardsOf(period: ResolvedPeriod): Observable<Dashboard> {
    const key = JSON.stringify([period.unitId, period.year, period.from, period.to, period.asOf?.toISOString() ?? null]);
    let shared = this.shared.get(key);
    if (!shared) {
      // Only batches that applied events the statistics count: the checkpoint also moves past sign-ins and reads.
      const changes = this.commits.projectorInProcess
        ? this.commits.committed$.pipe(filter((batch) => batch.projection === STATISTICS_PROJECTION && batch.applied > 0))
        : this.factsWritten;
      let last: string | undefined;
      shared = coalesced(changes, () => this.dashboards.build(period)).pipe(
        filter((dashboard) => {
          const figures = figuresOf(dashboard);
          const changed = figures !== last;
          last = figures;
          return changed;
        }),
        finalize(() => this.shared.delete(key)),
        shareReplay({ bufferSize: 1, refCount: true }),
      );
      this.shared.set(key, shared);
    }
    return shared;
  }

  beforeApplicationShutdown(): void {
    // Each response ends as its stream completes; its connection is then closed rather than kept alive, as the
    // HTTP server, closing next, would otherwise wait for the client to drop it.
    for (const response of this.responses) {
      // Taken now: the server detaches the socket from the response as it finishes.
      const socket = response.socket;
      if (!socket) continue;
      if (response.writableFinished) socket.end();
      else response.once('finish', () => socket.end());
    }
    this.shutdown.next();
  }

  onApplicationShutdown(): void {
    this.shutdown.complete();
  }
}

/**
 * Runs `compute` once at once, then after each trigger; triggers arriving while it runs are folded into one more
 * run after it, so a busy log neither queues a run per batch nor starves the stream of updates.
 */
function coalesced<T>(triggers: Observable<unknown>, compute: () => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let running = false;
    let again = false;
    const run = async () => {
      running = true;
      try {
        do {
          again = false;
          const value = await compute();
          if (subscriber.closed) return;
          subscriber.next(value);
        } while (again && !subscriber.closed);
      } catch (error) {
        subscriber.error(error);
      } finally {
        running = false;
      }
    };
    const subscription = triggers.subscribe(() => {
      if (running) again = true;
      else void run();
    });
    void run();
    return () => subscription.unsubscribe();
  });
}

/** Keeps the response in `responses` while the stream is subscribed. */
function tracked<T>(responses: Set<ServerResponse>, response: ServerResponse | undefined): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      if (response) responses.add(response);
      return source.pipe(finalize(() => response && responses.delete(response))).subscribe(subscriber);
    });
}
