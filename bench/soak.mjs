// `npm run soak`: ten minutes of mixed commands from several clients against the built server on an embedded
// PostgreSQL, while the projector runs in a process of its own that is SIGKILLed every minute and restarted.
// At the end every read model must equal a full replay of the log (each projection rebuilt from position 0), and
// every fund must hold exactly the money the accepted commands moved: no yuan missing, none counted twice
// (money commands are retried now and then with the same Idempotency-Key, as a client does after a lost answer).
// Not part of the test suite. SOAK_MINUTES, SOAK_CLIENTS and SOAK_KILL_EVERY_S change its length, load and rhythm.
// Exit code 0 when both checks hold, 1 otherwise.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { creditCode, residentId, seedDemoFederation } from '../dist/apps/api/src/cli/demo-federation.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../dist/libs/platform/src/index.js';
import { diffReadModels, rowCounts, snapshotReadModels } from '../dist/libs/projections/src/index.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 4);
const KILL_EVERY_MS = Number(process.env.SOAK_KILL_EVERY_S ?? 60) * 1000;
const log = (line) => process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const work = await mkdtemp(join(tmpdir(), 'unioncase-soak-'));
const postgres = await startEmbeddedPostgres({ dataDir: join(work, 'pg'), persistent: false });
await ensureDatabase(postgres.connectionString, 'unioncase_soak');
const databaseUrl = withDatabase(postgres.connectionString, 'unioncase_soak');
const port = await freePort();
const adminPassword = `Soak-${randomBytes(9).toString('base64url')}`;
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  PORT: String(port),
  PROJECTOR_ENABLED: 'false',
  LOG_LEVEL: 'warn',
  SIGN_IN_RATE_LIMIT: '100000',
  PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
  AUDIT_SIGNING_KEY_FILE: join(work, 'audit-signing.key'),
  UNIONCASE_DATA_DIR: join(work, 'unused'),
};
const children = new Set();
function run(script, args = [], stdin) {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdin.end(stdin);
  child.output = () => output;
  child.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return child;
}

const apiUrl = `http://127.0.0.1:${port}/api`;
let failed = false;
try {
  const server = run('dist/apps/api/src/main.js');
  await until(async () => (await fetch(`${apiUrl}/health`)).ok, 120_000, () => server.output());
  const admin = run('dist/apps/api/src/cli/create-admin.js', ['--username', 'admin', '--display-name', '系统管理员', '--unit-name', '尧都区总工会', '--unit-level', 'district'], `${adminPassword}\n`);
  if ((await admin.exited) !== 0) throw new Error(`create-admin failed: ${admin.output()}`);

  // The projector lives apart from the API, and dies every minute.
  let projector = run('dist/apps/api/src/cli/project.js');
  let kills = 0;
  let stopping = false;
  const killer = setInterval(() => {
    if (stopping) return;
    kills += 1;
    log(`SIGKILL to the projector (${kills})`);
    projector.kill('SIGKILL');
    projector = run('dist/apps/api/src/cli/project.js');
  }, KILL_EVERY_MS);

  const password = `Soak-${randomBytes(9).toString('base64url')}`;
  const federation = await seedDemoFederation({ apiUrl, adminUsername: 'admin', adminPassword, password });
  const token = async (username) => {
    const response = await call(null, 'POST', '/auth/tokens', { username, password: username === 'admin' ? adminPassword : password });
    return response.body.token;
  };
  const caseworker = await token(federation.users.caseworker);
  const supervisor = await token(federation.users.supervisor);
  const adminToken = await token('admin');

  // What the accepted commands moved, per fund, counted by this client: the truth the funds must show.
  const expected = new Map([[federation.fundId, { balanceFen: 50_000_000, reservedFen: 0 }]]);
  const counts = new Map();
  const count = (what, status) => counts.set(`${what} ${status}`, (counts.get(`${what} ${status}`) ?? 0) + 1);
  const deadline = Date.now() + MINUTES * 60_000;
  let serial = 0;

  async function money(token, path, body, what) {
    // A money command is sent with a key; now and then the same request goes again, as after a lost answer.
    const key = randomUUID();
    const first = await call(token, 'POST', path, body, { 'Idempotency-Key': key });
    count(what, first.status);
    if (first.status < 300 && serial % 7 === 0) {
      const again = await call(token, 'POST', path, body, { 'Idempotency-Key': key });
      count(`${what} (same key again)`, again.status);
    }
    return first;
  }

  async function client(index) {
    while (Date.now() < deadline) {
      const n = ++serial;
      const enterprise = await call(caseworker, 'POST', '/enterprises', {
        name: `尧都区浸泡测试第${index}-${n}号有限公司`,
        creditCode: creditCode(100_000 + n),
        ownership: 'non_public',
        industry: 'manufacturing',
        unitId: federation.townshipId,
        employeeCount: 30 + (n % 50),
        womenEmployeeCount: 10,
      });
      count('register enterprise', enterprise.status);
      if (enterprise.status === 201 && n % 2 === 0) {
        const union = await call(caseworker, 'POST', '/unions', {
          name: `浸泡测试第${index}-${n}号工会`,
          kind: 'independent',
          unitId: federation.townshipId,
          coveredEnterpriseIds: [enterprise.body.id],
          foundedOn: federation.today,
          chairName: '王芳',
          initialMemberCount: 12,
          womenCommitteeFounded: false,
          auditCommitteeFounded: true,
        });
        count('found union', union.status);
      }
      const seeker = await call(caseworker, 'POST', '/job-seekers', {
        name: `求职者${n}`,
        phone: `139${String(10_000_000 + n).slice(-8)}`,
        kind: 'laid_off_worker',
        gender: n % 2 ? 'male' : 'female',
        unitId: federation.townshipId,
        registeredOn: federation.today,
      });
      count('register job seeker', seeker.status);

      // Aid: one within the threshold (granted at once), one above it (approved by the supervisor); both paid.
      const small = 20_000 + (n % 50) * 100;
      const large = 150_000;
      const recipient = (k) => ({ kind: 'worker', unitId: federation.townshipId, name: `职工${n}-${k}`, residentId: workerId(n) });
      for (const [amountFen, k] of [
        [small, 0],
        [large, 1],
      ]) {
        const proposal = await money(caseworker, '/aid-grants', { programmeId: federation.programmeId, fundId: federation.fundId, recipient: recipient(k), amountFen, reason: '浸泡测试' }, 'propose aid');
        if (proposal.status !== 201) continue;
        const fund = expected.get(federation.fundId);
        if (proposal.body.status === 'proposed') {
          const approval = await call(supervisor, 'POST', `/aid-grants/${proposal.body.id}/approval`);
          count('approve aid', approval.status);
          if (approval.status !== 200) continue;
        }
        fund.reservedFen += amountFen;
        const paid = await money(caseworker, `/aid-grants/${proposal.body.id}/disbursement`, { method: 'bank_transfer', receiptReference: `SOAK-${n}-${k}`, paidOn: federation.today }, 'pay aid');
        if (paid.status === 200) {
          fund.reservedFen -= amountFen;
          fund.balanceFen -= amountFen;
        }
      }
      // A round pays out about 1,750 yuan; the district tops the fund up so grants are not refused for want of money.
      if (n % 10 === 0) {
        const allocation = await money(supervisor, `/funds/${federation.fundId}/allocations`, { amountFen: 2_500_000, reference: `尧财社〔浸泡〕${n}号`, receivedOn: federation.today }, 'allocate funds');
        if (allocation.status === 201) expected.get(federation.fundId).balanceFen += 2_500_000;
      }
    }
  }

  log(`${CLIENTS} clients for ${MINUTES} min, the projector killed every ${KILL_EVERY_MS / 1000} s`);
  const progress = setInterval(() => log(`${serial} rounds, ${kills} kills`), 30_000);
  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index + 1)));
  clearInterval(progress);
  stopping = true;
  clearInterval(killer);

  // Let the last projector reach the head, then stop it.
  await until(async () => {
    const health = (await call(null, 'GET', '/health')).body;
    return health.projections.every((projection) => projection.eventsBehind === 0);
  }, 300_000);
  projector.kill('SIGTERM');
  await projector.exited;
  const head = (await call(null, 'GET', '/health')).body.eventStore.headPosition;
  log(`the log holds events up to ${head}; ${kills} kills; comparing read models with a full replay`);

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const live = await snapshotReadModels(pool);
  const projections = (await call(adminToken, 'GET', '/admin/projections')).body.map((projection) => projection.name);
  for (const name of projections) {
    const rebuild = run('dist/apps/api/src/cli/rebuild-projection.js', [name]);
    const code = await rebuild.exited;
    if (code !== 0) throw new Error(`rebuild of ${name} failed (${code}): ${rebuild.output().slice(-2000)}`);
  }
  const replayed = await snapshotReadModels(pool);
  const differences = diffReadModels(live, replayed);

  const funds = [];
  for (const [fundId, truth] of expected) {
    const fund = (await call(supervisor, 'GET', `/funds/${fundId}`)).body;
    const replay = (await call(supervisor, 'GET', `/funds/${fundId}/replay`)).body;
    funds.push({ fundId, truth, shown: { balanceFen: fund.balanceFen, reservedFen: fund.reservedFen }, replayMatches: replay.matches === true });
  }
  await pool.end();

  const moneyOk = funds.every((fund) => fund.replayMatches && fund.truth.balanceFen === fund.shown.balanceFen && fund.truth.reservedFen === fund.shown.reservedFen);
  process.stdout.write(`UnionCase soak: ${MINUTES} min, ${CLIENTS} clients, ${serial} rounds, ${kills} projector kills, log head ${head}\n\n`);
  process.stdout.write('commands (status: count)\n');
  for (const [key, value] of [...counts].sort()) process.stdout.write(`  ${key}: ${value}\n`);
  process.stdout.write(`\nread models: ${Object.values(rowCounts(live)).reduce((a, b) => a + b, 0)} rows in ${Object.keys(live).length} tables; `);
  process.stdout.write(differences.length ? `DIFFER from the full replay:\n${differences.join('\n')}\n` : 'equal to a full replay of the log, table by table\n');
  for (const fund of funds) {
    process.stdout.write(
      `fund ${fund.fundId}: commands moved balance ${fund.truth.balanceFen} fen, reserved ${fund.truth.reservedFen}; ` +
        `the fund shows ${fund.shown.balanceFen}, ${fund.shown.reservedFen} (${fund.truth.balanceFen === fund.shown.balanceFen && fund.truth.reservedFen === fund.shown.reservedFen ? 'no yuan missing or doubled' : 'MISMATCH'}); the fund's event replay ${fund.replayMatches ? 'matches its ledger' : 'DOES NOT match its ledger'}\n`,
    );
  }
  failed = differences.length > 0 || !moneyOk;
  process.stdout.write(`\n${failed ? 'FAILED' : 'PASSED'}\n`);
} catch (error) {
  failed = true;
  log(`soak stopped: ${error.stack ?? error}`);
} finally {
  for (const child of children) child.kill('SIGKILL');
  await postgres.stop();
  process.exitCode = failed ? 1 : 0;
}

/** A distinct, valid resident ID number per round: a real birth date and a sequence number. */
function workerId(n) {
  const year = 1960 + (n % 40);
  const month = 1 + (Math.floor(n / 40) % 12);
  const day = 1 + (Math.floor(n / 480) % 28);
  const sequence = Math.floor(n / 13_440) % 1000;
  return residentId(`141002${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`);
}

async function call(token, method, path, body, headers = {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function until(check, timeoutMs, describe = () => '') {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
