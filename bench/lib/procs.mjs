// Child processes of the benchmarks (the API server, the projector, the CLI tools), with their peak resident memory.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';

const ROOT = new URL('../../', import.meta.url).pathname;
export const DIST = `${ROOT}dist/apps/api/src/`;

/** VmHWM (peak resident set) of a live process in MiB, or null once it has gone. */
export function peakRssMiB(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+)\s+kB/m);
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * A node child with the given script and environment. `peak()` is the highest VmHWM seen (polled every 200 ms
 * while it runs, since /proc forgets it at exit); `exited` resolves with { code, stdout, stderr }.
 */
export function startNode(script, args, env, log) {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peak = 0;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const sample = () => {
    const value = peakRssMiB(child.pid);
    if (value !== null && value > peak) peak = value;
  };
  const timer = setInterval(sample, 200);
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return {
    child,
    exited,
    peak: () => (sample(), peak),
    output: () => ({ stdout, stderr }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timeout);
      }
      log?.(`child ${script.split('/').pop()} exited`);
    },
  };
}

/** The API (bench/lib/api-server.mjs) on a loopback port; resolves once it listens. */
export async function startServer(env, log) {
  const server = startNode(new URL('./api-server.mjs', import.meta.url).pathname, [], env, log);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const match = server.output().stdout.match(/\{"port":(\d+)\}/);
    if (match) return { ...server, base: `http://127.0.0.1:${match[1]}/api` };
    if (server.child.exitCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error(`The API did not start: ${server.output().stderr.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function json(base, method, path, { token, body } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed };
}

export async function token(base, username, password) {
  const response = await json(base, 'POST', '/auth/tokens', { body: { username, password } });
  if (response.status !== 201 && response.status !== 200) throw new Error(`Sign-in of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token;
}

/** The log's head, and every projection checkpoint, straight from the database. */
export async function projectionState(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [head] = (
      await client.query(`SELECT transaction_id::text AS commit, global_position::text AS prepare FROM event_store.events
                          ORDER BY transaction_id DESC, global_position DESC LIMIT 1`)
    ).rows;
    const checkpoints = (await client.query(`SELECT projection, commit_position::text AS commit, prepare_position::text AS prepare FROM read_model.projection_checkpoints`)).rows;
    return { head, checkpoints };
  } finally {
    await client.end();
  }
}

/**
 * Polls until `names` all have their checkpoint at the log's head; resolves with { at, firstAt }: when that was
 * seen, and when a checkpoint was first seen at all (the first batch committed), as performance.now() times.
 */
export async function waitCaughtUp(url, names, { timeoutMs, child, onProgress } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastReport = 0;
  let firstAt;
  for (;;) {
    const { head, checkpoints } = await projectionState(url);
    const at = performance.now();
    if (firstAt === undefined && checkpoints.length) firstAt = at;
    const done = names.every((name) => checkpoints.some((c) => c.projection === name && c.commit === head.commit && c.prepare === head.prepare));
    if (done) return { at, firstAt };
    if (child && child.exitCode !== null) throw new Error('The projector exited before catching up');
    if (Date.now() > deadline) throw new Error(`Projections did not catch up in ${timeoutMs / 1000} s`);
    if (onProgress && Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      onProgress(checkpoints, head);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let names;
/** Every projection's name, as the rebuild command lists them (asked once per process). */
export async function projectionNames(env) {
  if (names) return names;
  const run = startNode(`${DIST}cli/rebuild-projection.js`, ['--projection', '__list__'], env);
  const { stdout, stderr } = await run.exited;
  const match = `${stdout}\n${stderr}`.match(/there are: ([a-z0-9_, -]+)/i);
  if (!match) throw new Error(`Could not list the projections: ${(stdout + stderr).slice(-1000)}`);
  names = match[1].split(',').map((name) => name.trim()).filter(Boolean);
  return names;
}

/**
 * Runs the projector process (`npm run project`'s dist/apps/api/src/cli/project.js) on the log's database until every
 * projection's checkpoint is at the head, then stops it. Resolves with { seconds (from spawn), secondsFromFirstBatch,
 * peakMiB }.
 */
export async function catchUp(log, env, names, timeoutMs, say) {
  const started = performance.now();
  const projector = startNode(`${DIST}cli/project.js`, [], env, say);
  try {
    const { at, firstAt } = await waitCaughtUp(env.DATABASE_URL, names, {
      timeoutMs,
      child: projector.child,
      onProgress: (checkpoints) => say?.(`catch-up: ${checkpoints.length}/${names.length} projections started`),
    });
    const failures = projector.output().stderr.match(/failed; resuming[^\n]{0,300}/g) ?? [];
    return { seconds: (at - started) / 1000, secondsFromFirstBatch: (at - (firstAt ?? started)) / 1000, peakMiB: projector.peak(), failures };
  } catch (error) {
    throw new Error(`${error.message}: ${projector.output().stderr.slice(-1500)}`);
  } finally {
    await projector.stop();
  }
}
