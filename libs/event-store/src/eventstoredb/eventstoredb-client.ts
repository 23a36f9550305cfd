/**
 * The one place that names the client package. `@eventstore/db-client` (6.x, EventStoreDB) was renamed
 * `@kurrent/kurrentdb-client` (1.x, KurrentDB) with the same API (the client class is `KurrentDBClient`
 * instead of `EventStoreDBClient`, connection strings may start `kurrentdb://` as well as `esdb://`).
 * Only the successor has `multiStreamAppend` (server 25.1+), which atomic multi-stream append needs, so the
 * adapter uses it. Switching back means changing this import and dropping multi-stream append.
 */
import kurrentdb from '@kurrent/kurrentdb-client';

export const { KurrentDBClient: StoreClient, jsonEvent, excludeSystemEvents, START, END, FORWARDS, BACKWARDS } = kurrentdb;
export type StoreClient = kurrentdb.KurrentDBClient;
export type {
  AllStreamResolvedEvent,
  AppendStreamState,
  EventData,
  ResolvedEvent,
  JSONRecordedEvent,
} from '@kurrent/kurrentdb-client';
