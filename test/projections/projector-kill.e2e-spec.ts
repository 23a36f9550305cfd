import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { comparePositions, EventStore, formatPosition, type Position } from '#event-store';
import { PROJECTIONS, Projector, type Projection } from '#projections';
import { ProjectorService } from '../../apps/api/src/projector/projector.service.js';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { settleLog } from '../support/event-log.js';
import { diffReadModels, expectSameReadModels, rowCounts, snapshotReadModels, type ReadModelSnapshot } from '../support/read-models.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, testEventStoreKind, type TestApp } from '../support/test-app.js';
import { driveWorkload } from '../support/workload.js';

/**
 * The projector-only process (`npm run project`, the built dist/apps/api/src/cli/project.js) killed with SIGKILL
 * mid-projection, several times, at different points, then restarted to catch up: its read models must equal a full
 * replay of the same log into a fresh database, table by table. The history is made through the command routes.
 */
const SCRIPT = 'dist/apps/api/src/cli/project.js';
const APPLICATION_NAME = 'unioncase-projector-kill-test';
const KILLS = 3;
/** About 50 events a round: some 3500 on PostgreSQL; fewer over the EventStoreDB double, whose reads are slow. */
const ROUNDS = Number(process.env.KILL_TEST_ROUNDS ?? (testEventStoreKind() === 'eventstoredb' ? 20 : 70));

const clock = new ManualClock('2026-07-01T02:00:00Z');
const personalDataKey = randomBytes(32);
const signingKey = generateKeyPairSync('ed25519').privateKey;
let testApp: TestApp;
let replayDatabase: TestDatabase | undefined;
let live: ReadModelSnapshot;
let head: Position;
const running = new Set<ChildProcess>();
let output = '';

beforeAll(async () => {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run npm run build first (npm test does)`);
  testApp = await startTestApp({ clock, personalDataKey, auditTrail: { signingKey } });
  await driveWorkload(testApp, { rounds: ROUNDS });
  // The in-process projector finishes the history, then stops: from here on only the child process projects.
  await settleLog(testApp);
  head = await testApp.app.get(EventStore).headPosition();
  const projector = testApp.app.get(ProjectorService);
  await projector.waitFor(head, 120_000);
  live = await snapshotReadModels(testApp.database.pool);
  await projector.beforeApplicationShutdown();
}, 600_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await replayDatabase?.drop();
  await testApp?.close();
});

function startProjector(args: string[] = []): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: testApp.database.connectionString,
    PERSONAL_DATA_KEY: personalDataKey.toString('base64'),
    AUDIT_SIGNING_KEY: signingKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    // Small batches: many transactions, so a kill lands between or inside them at many points.
    PROJECTOR_BATCH_SIZE: '3',
    LOG_LEVEL: 'warn',
    // pg names its connections from PGAPPNAME: the test finds the child's open transactions by it.
    PGAPPNAME: APPLICATION_NAME,
    EVENT_STORE: testApp.eventStore.kind,
    EVENTSTOREDB_URL: testApp.eventStore.kind === 'eventstoredb' ? testApp.eventStore.url : '',
  };
  const child = spawn(process.execPath, [SCRIPT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

interface Checkpoint {
  projection: string;
  position: Position;
}

async function checkpoints(): Promise<Checkpoint[]> {
  const { rows } = await testApp.database.pool.query<{ projection: string; commit_position: string; prepare_position: string }>(
    `SELECT projection, commit_position::text, prepare_position::text FROM read_model.projection_checkpoints ORDER BY projection`,
  );
  return rows.map((row) => ({ projection: row.projection, position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } }));
}

/** Transactions the child has open now: a projection batch under way. */
async function openTransactions(): Promise<number> {
  const { rows } = await testApp.database.pool.query<{ open: number }>(
    `SELECT count(*)::int AS open FROM pg_stat_activity WHERE application_name = $1 AND xact_start IS NOT NULL AND datname = current_database()`,
    [APPLICATION_NAME],
  );
  return rows[0].open;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, child: ChildProcess, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The projector exited (${child.exitCode ?? child.signalCode}) while waiting for ${what}:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${output.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const partWay = (checkpoint: Checkpoint) => checkpoint.position.commit > 0n && comparePositions(checkpoint.position, head) < 0;

describe('the projector process killed mid-projection', () => {
  it('resumes after every SIGKILL, and its read models equal a full replay of the log, table by table', async () => {
    // Rebuild the read side from nothing with the child process: every read model emptied, every checkpoint gone.
    const pool = testApp.database.pool;
    const { rows: tables } = await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'read_model' AND table_type = 'BASE TABLE'`,
    );
    await pool.query(`TRUNCATE ${tables.map((t) => `read_model."${t.table_name}"`).join(', ')}`);
    expect(Object.values(rowCounts(await snapshotReadModels(pool))).every((count) => count === 0)).toBe(true);

    const kills: { checkpoints: string[]; openTransactions: number }[] = [];
    let before = await checkpoints();
    for (let kill = 0; kill < KILLS; kill++) {
      const child = startProjector();
      // Each kill comes later in the log than the last (the first as soon as anything moved, then a quarter, then
      // half-way by some projection): progress since the restart, a projection part-way, a batch open.
      const target = (head.prepare * BigInt(kill)) / BigInt(KILLS + 1);
      const moved = await until(
        `progress part-way after start ${kill + 1}`,
        async () => {
          const now = await checkpoints();
          const advanced = now.filter((c) => comparePositions(c.position, before.find((b) => b.projection === c.projection)?.position ?? { commit: 0n, prepare: 0n }) > 0);
          return advanced.length > 0 && now.some((c) => c.position.prepare >= target) && now.some(partWay) ? now : undefined;
        },
        child,
      );
      const open = await until(
        'an open projection batch',
        async () => {
          const transactions = await openTransactions();
          return transactions > 0 ? transactions : undefined;
        },
        child,
        30_000,
      );
      child.kill('SIGKILL');
      expect(await exited(child)).toEqual({ code: null, signal: 'SIGKILL' });
      // PostgreSQL rolls the killed batches back once it notices the connections are gone.
      await until('the killed connections to end', async () => ((await openTransactions()) === 0 ? true : undefined), startIdle(), 30_000);
      before = await checkpoints();
      kills.push({ checkpoints: before.map((c) => `${c.projection}@${formatPosition(c.position)}`), openTransactions: open });
      expect(moved.some(partWay)).toBe(true);
    }
    // The kills came at different points of the log.
    expect(new Set(kills.map((k) => k.checkpoints.join(' '))).size).toBe(KILLS);
    expect(before.some(partWay)).toBe(true);

    // Restarted, it catches up to the head, then stops on SIGTERM.
    await settleLog(testApp);
    head = await testApp.app.get(EventStore).headPosition();
    const metricsPort = await freePort();
    const last = startProjector(['--metrics-port', String(metricsPort)]);
    const projectionNames = testApp.app.get<Projection[]>(PROJECTIONS).map((p) => p.name);
    await until(
      'every projection to reach the head',
      async () => {
        const now = await checkpoints();
        return now.length === projectionNames.length && now.every((c) => comparePositions(c.position, head) >= 0) ? true : undefined;
      },
      last,
      300_000,
    );
    // Its own /metrics says so too: no lag left for any projection, and the events it applied counted.
    const metrics = await until(
      'the projector process to report no lag on /metrics',
      async () => {
        const text = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((response) => response.text(), () => undefined);
        if (!text) return undefined;
        const lag = projectionNames.flatMap((name) =>
          ['lag_events', 'lag_positions', 'lag_seconds'].map((gauge) => sample(text, `unioncase_projection_${gauge}{projection="${name}"}`)),
        );
        return lag.every((value) => value === 0) ? text : undefined;
      },
      last,
      60_000,
    );
    for (const name of projectionNames) {
      expect([name, sample(metrics, `unioncase_projection_up{projection="${name}"}`)]).toEqual([name, 1]);
      expect(sample(metrics, `unioncase_projection_checkpoint_position{projection="${name}"}`)).toBe(Number(head.commit));
    }
    expect(sample(metrics, 'unioncase_projection_events_applied_total{projection="bargaining"}')).toBeGreaterThan(0);
    const stopped = exited(last);
    last.kill('SIGTERM');
    expect(await stopped).toEqual({ code: 0, signal: null });

    // A full replay of the same log, in one go, into a fresh database.
    replayDatabase = await createTestDatabase();
    const appDataSource = testApp.app.get(DataSource);
    const replaySource = new DataSource({ type: 'postgres', url: replayDatabase.connectionString, synchronize: false, entities: appDataSource.options.entities });
    await replaySource.initialize();
    const errors: string[] = [];
    try {
      // The app's own projection instances: their personal-data vault reads the keys where they live, in the app's database.
      const replay = new Projector(testApp.app.get(EventStore), replaySource, testApp.app.get<Projection[]>(PROJECTIONS), {
        log: () => undefined,
        error: (message) => void errors.push(message),
      });
      replay.start();
      await replay.waitFor(head, 300_000);
      await replay.stop();
    } finally {
      await replaySource.destroy();
    }
    expect(errors).toEqual([]);

    const killed = await snapshotReadModels(pool);
    const replayed = await snapshotReadModels(replayDatabase.pool);
    const counts = rowCounts(replayed);
    // Every read-model table took part, and the log was a few thousand events.
    expect(Object.entries(counts).filter(([, count]) => count === 0)).toEqual([]);
    const { rows: events } = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM event_store.events`);
    if (testApp.eventStore.kind === 'postgres') expect(events[0].count).toBeGreaterThan(ROUNDS * 40);
    expectSameReadModels(killed, replayed, 'read models of the killed and restarted projector and of a full replay');
    // And both equal what the API's own projector built live while the history was made.
    expectSameReadModels(live, replayed, 'read models built live and by a full replay');
    // The comparison is not vacuous: one changed cell shows, named by table.
    await pool.query(`UPDATE read_model.wage_talks_steps SET actor = actor || '!' WHERE ctid = (SELECT min(ctid) FROM read_model.wage_talks_steps)`);
    expect(diffReadModels(await snapshotReadModels(pool), replayed)).toEqual([expect.stringMatching(/^wage_talks_steps: \d+ rows, expected \d+; 1 not expected, 1 missing/)]);
    console.info(`Killed ${KILLS} times at: ${kills.map((k, i) => `#${i + 1} (${k.openTransactions} open) ${k.checkpoints.join(', ')}`).join('; ')}; compared ${JSON.stringify(counts)}`);
  }, 900_000);
});

/** The value of one sample in Prometheus text, e.g. `unioncase_projection_lag_events{projection="funds"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A stand-in "process" for `until` when no child is running (it never exits). */
function startIdle(): ChildProcess {
  return { exitCode: null, signalCode: null } as ChildProcess;
}
