// Measures the PostgreSQL event store on a throwaway embedded cluster and prints the figures.
// Run with `npm run bench:event-store` (builds first). Not a test: nothing here passes or fails.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ANY, NO_STREAM, PostgresEventStore, START } from '../dist/libs/event-store/src/index.js';
import { ensureDatabase, runMigrations, startEmbeddedPostgres, withDatabase } from '../dist/libs/platform/src/index.js';

const SINGLE = Number(process.env.BENCH_SINGLE ?? 3000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const PER_WRITER = Number(process.env.BENCH_PER_WRITER ?? 500);

const event = (type = 'BenchEvent') => ({
  type,
  data: { enterpriseId: randomUUID(), name: '某某有限公司', employeeCount: 120 },
  metadata: {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    actor: 'bench',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
  },
});

const rate = (count, ms) => `${Math.round((count * 1000) / ms).toLocaleString('en')}/s`;

async function main() {
  const server = process.env.DATABASE_URL
    ? { connectionString: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({
        dataDir: join(await mkdtemp(join(tmpdir(), 'unioncase-bench-')), 'pg'),
        persistent: false,
        onLog: process.env.BENCH_PG_LOG ? (line) => process.stderr.write(`[pg] ${line}\n`) : undefined,
      });
  const database = `uc_bench_${Date.now()}`;
  await ensureDatabase(server.connectionString, database);
  const url = withDatabase(server.connectionString, database);
  await runMigrations(url);
  const pool = new pg.Pool({ connectionString: url, max: WRITERS + 2 });
  pool.on('error', () => undefined);
  const store = new PostgresEventStore({ pool, listenConnection: { connectionString: url } });
  const lines = [];

  // The floor to compare with: the same client committing one plain row per transaction.
  await pool.query('CREATE TABLE bench_raw (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb NOT NULL)');
  let started = performance.now();
  for (let i = 0; i < SINGLE; i++) await pool.query('INSERT INTO bench_raw (data) VALUES ($1)', [JSON.stringify(event().data)]);
  lines.push(`raw PostgreSQL, 1 writer, 1-row INSERT:      ${rate(SINGLE, performance.now() - started)} (the floor for comparison)`);

  started = performance.now();
  for (let i = 0; i < SINGLE; i++) await store.appendToStream(`single-${i}`, NO_STREAM, [event()]);
  lines.push(`append, 1 writer, 1 event per append:        ${rate(SINGLE, performance.now() - started)} (${SINGLE} appends)`);

  started = performance.now();
  for (let i = 0; i < SINGLE / 10; i++) await store.appendToStream(`batch-${i}`, NO_STREAM, Array.from({ length: 10 }, () => event()));
  lines.push(`append, 1 writer, 10 events per append:      ${rate(SINGLE, performance.now() - started)} events`);

  started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let i = 0; i < PER_WRITER; i++) await store.appendToStream(`w${writer}-${i % 50}`, ANY, [event()]);
    }),
  );
  lines.push(`append, ${WRITERS} writers, 1 event per append:       ${rate(WRITERS * PER_WRITER, performance.now() - started)} (${WRITERS * PER_WRITER} appends)`);

  const total = SINGLE * 2 + WRITERS * PER_WRITER;
  // Readers only see transactions older than every open writing transaction; an autovacuum ANALYZE of the
  // fresh table is one. Wait until the whole log is readable so the read figures cover all of it.
  started = performance.now();
  for (;;) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM event_store.events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
    );
    if (rows[0].n >= total || performance.now() - started > 30_000) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  lines.push(`wait until every append is readable:         ${(performance.now() - started).toFixed(0)} ms`);
  started = performance.now();
  let read = 0;
  let after = START;
  for (;;) {
    const slice = await store.readAll({ after, maxCount: 500 });
    read += slice.events.length;
    after = slice.lastPosition;
    if (slice.isEnd) break;
  }
  lines.push(`read whole log, batches of 500:              ${rate(read, performance.now() - started)} (${read} of ${total} events)`);

  const controller = new AbortController();
  started = performance.now();
  let delivered = 0;
  for await (const batch of store.subscribeToAll({ signal: controller.signal, maxBatchSize: 500 })) {
    delivered += batch.events.length;
    if (batch.caughtUp) controller.abort();
  }
  lines.push(`subscription catch-up, batches of 500:       ${rate(delivered, performance.now() - started)} (${delivered} events)`);

  const probe = new AbortController();
  const latencies = [];
  const live = (async () => {
    for await (const batch of store.subscribeToAll({ after: await store.headPosition(), signal: probe.signal })) {
      for (const e of batch.events) if (e.data.sentAt !== undefined) latencies.push(performance.now() - Number(e.data.sentAt));
      if (latencies.length >= 50) probe.abort();
    }
  })();
  for (let i = 0; i < 50; i++) {
    await store.appendToStream(`live-${i}`, NO_STREAM, [{ ...event(), data: { sentAt: performance.now() } }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await live;
  latencies.sort((a, b) => a - b);
  lines.push(`live delivery, append to subscriber:         median ${latencies[25].toFixed(1)} ms, max ${latencies[49].toFixed(1)} ms`);

  process.stdout.write(`\nUnionCase PostgreSQL event store (${new Date().toISOString()})\n${lines.join('\n')}\n\n`);
  await store.close();
  await pool.end();
  await server.stop();
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n${error.cause ? `cause: ${error.cause.stack ?? error.cause}\n` : ""}`);
  process.exit(1);
});
