// Measures sign-in and the cost of the access check over real HTTP, on a throwaway embedded cluster.
// Run with `npm run bench:auth` (builds first). Not a test: nothing here passes or fails.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../dist/apps/api/src/create-app.js';
import { createCommandContext, EventStore } from '../dist/libs/event-store/src/index.js';
import { CredentialStore, PasswordHasher, createAccount, createUnit } from '../dist/libs/identity/src/index.js';
import { ensureDatabase, runMigrations, startEmbeddedPostgres, withDatabase } from '../dist/libs/platform/src/index.js';
import { Clock, IdGenerator } from '../dist/libs/shared-kernel/src/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PASSWORD = 'a-long-password-0123456789';

async function measure(label, concurrency, request, expectedStatus = 200) {
  const latencies = [];
  const deadline = performance.now() + SECONDS * 1000;
  let failures = 0;
  const unexpected = new Map();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const response = await request();
        const body = await response.text();
        if (response.status !== expectedStatus) {
          failures++;
          const key = `${response.status} ${body.slice(0, 120)}`;
          unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  const rate = Math.round(latencies.length / SECONDS).toLocaleString('en');
  const failed = failures ? `  (${failures} unexpected: ${[...unexpected].map(([key, n]) => `${n}× ${key}`).join('; ')})` : '';
  return `${label.padEnd(52)} ${rate.padStart(6)}/s  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms${failed}`;
}

async function main() {
  const server = await startEmbeddedPostgres({ dataDir: join(await mkdtemp(join(tmpdir(), 'unioncase-bench-')), 'pg'), persistent: false });
  const url = withDatabase(server.connectionString, 'uc_bench_auth');
  await ensureDatabase(server.connectionString, 'uc_bench_auth');
  await runMigrations(url);
  const app = await createApp({ databaseUrl: url, logLevel: 'silent', security: { signInRateLimit: 1_000_000 }, personalDataKey: randomBytes(32), auditTrail: { signingKey: generateKeyPairSync('ed25519').privateKey } });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}/api`;

  const store = app.get(EventStore);
  const ids = app.get(IdGenerator);
  const context = createCommandContext({ actor: 'bench', correlationId: 'bench' }, app.get(Clock), ids);
  const { unitId } = await createUnit(store, context, { unitId: ids.newId(), name: '尧都区总工会', level: 'district', parent: null });
  await createAccount({ store, hasher: app.get(PasswordHasher), credentials: app.get(CredentialStore) }, context, {
    userId: ids.newId(), username: 'bench', displayName: 'bench', role: 'auditor', unitId, password: PASSWORD,
  });
  const signIn = () =>
    fetch(`${base}/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: PASSWORD }) });
  const { token } = await (await signIn()).json();
  const authorized = { authorization: `Bearer ${token}` };

  const lines = [
    await measure('sign-in (argon2id check + SignedIn event), 1 client', 1, signIn, 201),
    await measure(`sign-in, ${CONCURRENCY} clients`, CONCURRENCY, signIn, 201),
    await measure(`GET /health (public, 2 queries), ${CONCURRENCY} clients`, CONCURRENCY, () => fetch(`${base}/health`)),
    await measure(`GET /auth/me (session + account check), ${CONCURRENCY} clients`, CONCURRENCY, () => fetch(`${base}/auth/me`, { headers: authorized })),
    await measure(`GET /units (access check + scoped query), ${CONCURRENCY} clients`, CONCURRENCY, () => fetch(`${base}/units`, { headers: authorized })),
    await measure(`GET /units without a session (401), ${CONCURRENCY} clients`, CONCURRENCY, () => fetch(`${base}/units`), 401),
  ];
  await app.close();
  await server.stop();
  console.log(`\nHTTP and access figures (${SECONDS} s each, ${process.env.BENCH_CONCURRENCY ? '' : 'default '}concurrency ${CONCURRENCY}):`);
  for (const line of lines) console.log(`  ${line}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
