// The built API server as a child process, as it runs in production (`node dist/apps/api/src/main.js`), on a fresh
// database of the bench's PostgreSQL, with its first admin made by the real create-admin command. For the sections
// that measure over HTTP (http, live-lag). Everything it starts it stops: the process, its temp dir, its database.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const CREATE_ADMIN = join(ROOT, 'dist/apps/api/src/cli/create-admin.js');
const TAIL_LINES = 40;

/** A port nobody listens on right now (the loopback interface). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Keeps the last lines a child wrote, for the error message when it fails. */
function tail(stream, lines) {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop();
    for (const line of parts) {
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
    }
  });
}

async function run(command, args, { env, input, timeoutMs = 120_000 }) {
  const child = spawn(process.execPath, [command, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = [];
  tail(child.stdout, output);
  tail(child.stderr, output);
  child.stdin.end(input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${command} exited ${code}: ${output.join('\n').slice(-1500)}`);
  return output.join('\n');
}

/**
 * Starts the API on a fresh database `label`, waits for /api/health, creates the first admin (username `admin`,
 * top unit a district). Returns `{ baseUrl (…/api), databaseUrl, admin: { username, password }, api, signIn, stop }`.
 */
export async function startApiServer(ctx, { label = 'http', env: extraEnv = {}, startTimeoutMs = 90_000 } = {}) {
  const databaseUrl = await ctx.newDatabase(label);
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  const dir = await mkdtemp(join(tmpdir(), 'unioncase-bench-api-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SIGN_IN_RATE_LIMIT: '1000000',
    // Keys of this run only, so neither the server nor create-admin writes key files into the repository.
    UNIONCASE_DATA_DIR: join(dir, 'postgres'),
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
    ...extraEnv,
  };
  const output = [];
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  tail(child.stdout, output);
  tail(child.stderr, output);
  let exited = null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = code ?? signal))));

  const baseUrl = `http://127.0.0.1:${port}/api`;
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(ctx.serverUrl, databaseName).catch((error) => ctx.log(`could not drop ${databaseName}: ${error.message}`));
  };

  try {
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (exited !== null) throw new Error(`the API exited (${exited}) while starting: ${output.join('\n').slice(-1500)}`);
      try {
        const response = await fetch(`${baseUrl}/health`);
        await response.arrayBuffer();
        if (response.ok) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`the API did not answer /api/health in ${startTimeoutMs} ms: ${output.join('\n').slice(-1500)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const admin = { username: 'admin', password: `Pw-${randomBytes(12).toString("base64url")}` };
    await run(CREATE_ADMIN, ['--username', admin.username, '--display-name', '系统管理员', '--unit-name', '尧都区总工会', '--unit-level', 'district'], {
      env: { ...env, PORT: '0' },
      input: `${admin.password}\n`,
    });
    const api = (method, path, { token, body, headers = {} } = {}) => callApi(baseUrl, method, path, { token, body, headers });
    const signIn = async (username, password) => {
      const response = await api('POST', '/auth/tokens', { body: { username, password } });
      if (response.status !== 201) throw new Error(`sign-in of ${username}: ${response.status} ${response.text.slice(0, 300)}`);
      return response.body.token;
    };
    /**
     * Waits until the server is idle: requests a load generator gave up on (autocannon closes its connections at
     * the end of a run, the server still finishes what it started) have been answered, the log's head has not
     * moved for a second, and every projection and the audit chain have caught up. So one run's leftovers do not
     * slow the next. Resolves with the ms it waited.
     */
    const quiesce = async (timeoutMs = 120_000) => {
      const started = performance.now();
      let lastHead = null;
      let stableSince = performance.now();
      while (performance.now() - started < timeoutMs) {
        const health = await api('GET', '/health');
        const head = health.body?.eventStore?.headPosition ?? null;
        if (head !== lastHead) {
          lastHead = head;
          stableSince = performance.now();
        }
        const caughtUp = (health.body?.projections ?? []).every((p) => p.eventsBehind === 0) && (health.body?.auditChain?.eventsBehind ?? 0) === 0;
        if (caughtUp && performance.now() - stableSince >= 1000) return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      ctx.log(`the API was not idle after ${timeoutMs} ms`);
      return performance.now() - started;
    };
    return { baseUrl, origin: `http://127.0.0.1:${port}`, port, databaseUrl, admin, api, signIn, quiesce, stop, pid: child.pid, output };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function callApi(baseUrl, method, path, { token, body, headers = {} } = {}) {
  const allHeaders = { 'content-type': 'application/json', ...headers };
  if (token) allHeaders.authorization = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}${path}`, { method, headers: allHeaders, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed = text;
  if (text && (response.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: response.status, body: parsed, text, headers: response.headers };
}

/** Fails unless the answer has the expected status; returns its body. */
export function expectStatus(response, what, status = 201) {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status}: ${response.text.slice(0, 400)}`);
  return response.body;
}

async function dropDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
