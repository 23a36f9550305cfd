// `npm run bench`: every benchmark section against one embedded PostgreSQL, one table, one JSON file.
// Not a test: nothing passes or fails here; goals are reported beside the figures. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, freemem, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureDatabase, runMigrations, startEmbeddedPostgres, withDatabase } from '../dist/libs/platform/src/index.js';

const ORDER = ['append', 'exactly-once', 'http', 'live-lag', 'projector', 'auditor'];

const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean' }, sizes: { type: 'string' } } });
const quick = Boolean(values.quick);
const sizes = (values.sizes ?? process.env.BENCH_SIZES ?? (quick ? '10000' : '10000,100000,1000000')).split(',').map(Number);
const only = values.only?.split(',');
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

const available = readdirSync(new URL('./sections/', import.meta.url))
  .filter((file) => file.endsWith('.mjs'))
  .map((file) => file.slice(0, -4));
const names = [...ORDER.filter((name) => available.includes(name)), ...available.filter((name) => !ORDER.includes(name)).sort()].filter(
  (name) => !only || only.includes(name),
);

const benchDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'unioncase-bench-'));
const server = benchDir
  ? await startEmbeddedPostgres({ dataDir: join(benchDir, 'pg'), persistent: false })
  : { connectionString: process.env.DATABASE_URL, stop: async () => undefined };

let databases = 0;
const ctx = {
  serverUrl: server.connectionString,
  sizes,
  quick,
  log,
  async newDatabase(label) {
    const name = `uc_bench_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${Date.now()}_${databases++}`;
    await ensureDatabase(server.connectionString, name);
    const url = withDatabase(server.connectionString, name);
    await runMigrations(url);
    return url;
  },
};

const startedAt = new Date().toISOString();
const postgresVersion = await serverVersion(server.connectionString);
const rows = [];
try {
  for (const name of names) {
    log(`section ${name}…`);
    const section = await import(`./sections/${name}.mjs`);
    const started = performance.now();
    try {
      rows.push(...(await section.run(ctx)));
    } catch (error) {
      log(`section ${name} failed: ${error.stack ?? error}`);
      rows.push({ section: name, case: 'failed to run', metric: 'error', value: null, unit: '', note: String(error.message ?? error).slice(0, 200) });
    }
    log(`section ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await server.stop();
  if (benchDir) rmSync(benchDir, { recursive: true, force: true });
}

const machine = await describeMachine();
const format = (value) => (value === null || value === undefined ? '—' : typeof value === 'number' ? value.toLocaleString('en', { maximumFractionDigits: value < 10 ? 2 : 0 }) : String(value));
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b ? `${(a / b).toFixed(2)}×` : '');
// A ratio of rates or latencies means something; of counts of missing or duplicated events it does not.
const comparable = (row) => row.unit !== 'events';
const table = [['section', 'case', 'metric', 'ours', 'peer', 'ours/peer', 'raw PG', 'ours/raw', 'goal', 'met']];
for (const row of rows) {
  table.push([
    row.section,
    row.case,
    row.unit && row.unit !== row.metric ? `${row.metric} (${row.unit})` : row.metric,
    format(row.value),
    format(row.peer),
    comparable(row) ? ratio(row.value, row.peer) : '',
    format(row.limit),
    comparable(row) ? ratio(row.value, row.limit) : '',
    row.goal ?? '',
    row.met === undefined ? '' : row.met ? 'yes' : 'NO',
  ]);
}
const widths = table[0].map((_, column) => Math.max(...table.map((line) => String(line[column]).length)));
process.stdout.write(`UnionCase benchmark, ${startedAt}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}\n\n`);
for (const [index, line] of table.entries()) {
  process.stdout.write(`${line.map((cell, column) => String(cell).padEnd(widths[column])).join('  ')}\n`);
  if (index === 0) process.stdout.write(`${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(`./results/${startedAt.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify({ machine, startedAt, sizes, quick, rows }, null, 2)}\n`);
process.stdout.write(`\nWritten to ${file.pathname}\n`);

async function serverVersion(connectionString) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

async function describeMachine() {
  const cpu = cpus();
  let os = `${platform()} ${release()}`;
  try {
    os = execFileSync('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"'], { encoding: 'utf8' }).trim() || os;
  } catch {
    // Not every system has /etc/os-release.
  }
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    postgres: postgresVersion,
    os,
  };
}
