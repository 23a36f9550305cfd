import { Global, Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { EventStore, PostgresEventStore } from '#event-store';
import { Clock, IdGenerator, RandomIdGenerator, SystemClock } from '#shared-kernel';
import type { EventStoreConfig } from '../config.js';
import { isShuttingDown } from './shutdown.js';

export const PG_POOL = Symbol('PG_POOL');
/** Which adapter the app runs on, for health and logs. */
export const EVENT_STORE_KIND = Symbol('EVENT_STORE_KIND');

/** Both adapters hold connections (a pool and a LISTEN client, or a gRPC channel) that must be let go. */
interface ClosableEventStore extends EventStore {
  close(): Promise<void>;
}

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EventStore) private readonly store: ClosableEventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.store.close();
    } finally {
      await this.pool.end();
    }
  }
}

function connectionLost(logger: Logger, what: string, error: Error): void {
  if (isShuttingDown()) logger.debug(`${what} during shutdown: ${error.message}`);
  else logger.warn(`${what}: ${error.message}`);
}

export interface EventStoreModuleOptions {
  /** The app's PostgreSQL: the log's home with EVENT_STORE=postgres, and the read models' in any case. */
  readonly databaseUrl: string;
  readonly eventStore?: EventStoreConfig;
  /** The clock handlers stamp facts with, whichever store holds them; tests pass one they move by hand. */
  readonly clock?: Clock;
}

/**
 * The event store, the clock and the id generator every context's handlers take. The EventStoreDB adapter is
 * imported only when selected, so a PostgreSQL deployment never loads the gRPC client or its native add-on.
 */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    const logger = new Logger('EventStore');
    const { databaseUrl, clock = new SystemClock() } = options;
    const selected: EventStoreConfig = options.eventStore ?? { kind: 'postgres' };
    return {
      module: EventStoreModule,
      providers: [
        {
          // The PostgreSQL store's pool. With EventStoreDB selected nothing queries it, and pg connects lazily.
          provide: PG_POOL,
          useFactory: () => {
            const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
            // An idle client that loses its connection must not crash the process.
            pool.on('error', (error) => connectionLost(logger, 'Idle database connection failed', error));
            return pool;
          },
        },
        { provide: EVENT_STORE_KIND, useValue: selected.kind },
        {
          provide: EventStore,
          inject: [PG_POOL],
          useFactory: async (pool: pg.Pool): Promise<ClosableEventStore> => {
            if (selected.kind === 'eventstoredb') {
              const { EventStoreDbEventStore } = await import('#event-store/eventstoredb');
              logger.log(`Events in EventStoreDB/KurrentDB at ${redact(selected.url)}`);
              return new EventStoreDbEventStore({ connectionString: selected.url });
            }
            return new PostgresEventStore({
              pool,
              listenConnection: { connectionString: databaseUrl },
              onBackgroundError: (error) => connectionLost(logger, 'Subscription notifications interrupted', error),
            });
          },
        },
        { provide: Clock, useValue: clock },
        { provide: IdGenerator, useClass: RandomIdGenerator },
        EventStoreLifecycle,
      ],
      exports: [PG_POOL, EVENT_STORE_KIND, EventStore, Clock, IdGenerator],
    };
  }
}

/** A connection string may carry a username and password: never log them. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/?#]*@/, '//***@');
}
