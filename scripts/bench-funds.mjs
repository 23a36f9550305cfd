// Measures aid grants over real HTTP (one fund under contention, and many funds side by side), the 50-against-10
// race, and the audit chain (sealing and verify), on a throwaway embedded cluster.
// Run with `npm run bench:funds` (builds first). Not a test: nothing here passes or fails.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../dist/apps/api/src/create-app.js';
import { createCommandContext, EventStore, NO_STREAM } from '../dist/libs/event-store/src/index.js';
import { CredentialStore, PasswordHasher, createAccount, createUnit } from '../dist/libs/identity/src/index.js';
import { ensureDatabase, runMigrations, startEmbeddedPostgres, withDatabase } from '../dist/libs/platform/src/index.js';
import { Clock, IdGenerator } from '../dist/libs/shared-kernel/src/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SYNTHETIC_EVENTS = Number(process.env.BENCH_LOG_EVENTS ?? 20_000);
const PASSWORD = 'a-long-password-0123456789';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let workers = 0;
/** A different valid resident ID number each call: a thousand per birth date from 1960 on. */
function nextWorkerId() {
  const index = workers++;
  const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(index / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `141002${born}${String(index % 1000).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((total, weight, position) => total + weight * Number(first17[position]), 0);
  const check = (12 - (sum % 11)) % 11;
  return `${first17}${check === 10 ? 'X' : check}`;
}

const rate = (count, ms) => `${Math.round((count * 1000) / ms).toLocaleString('en')}/s`;

async function main() {
  const server = await startEmbeddedPostgres({ dataDir: join(await mkdtemp(join(tmpdir(), 'unioncase-bench-')), 'pg'), persistent: false });
  const url = withDatabase(server.connectionString, 'uc_bench_funds');
  await ensureDatabase(server.connectionString, 'uc_bench_funds');
  await runMigrations(url);
  const app = await createApp({
    databaseUrl: url,
    logLevel: 'silent',
    security: { signInRateLimit: 1_000_000 },
    personalDataKey: randomBytes(32),
    auditTrail: { signingKey: generateKeyPairSync('ed25519').privateKey },
  });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}/api`;
  const store = app.get(EventStore);
  const ids = app.get(IdGenerator);
  const context = createCommandContext({ actor: 'bench', correlationId: 'bench' }, app.get(Clock), ids);
  const { unitId } = await createUnit(store, context, { unitId: ids.newId(), name: '尧都区总工会', level: 'district', parent: null });
  const tokens = {};
  for (const role of ['admin', 'supervisor', 'caseworker', 'auditor']) {
    await createAccount({ store, hasher: app.get(PasswordHasher), credentials: app.get(CredentialStore) }, context, {
      userId: ids.newId(), username: `bench-${role}`, displayName: role, role, unitId, password: PASSWORD,
    });
    const response = await fetch(`${base}/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `bench-${role}`, password: PASSWORD }) });
    tokens[role] = (await response.json()).token;
  }
  const call = async (role, method, path, body) => {
    const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };
  await call('admin', 'PUT', `/aid-policies/${unitId}/approval-threshold`, { thresholdFen: 100_000 });
  const today = new Date().toISOString().slice(0, 10);
  const openFund = async (amountFen) => {
    const { body } = await call('supervisor', 'POST', '/funds', { unitId, source: 'government_allocation', name: `bench ${randomUUID().slice(0, 8)}` });
    await call('supervisor', 'POST', `/funds/${body.id}/allocations`, { amountFen, reference: 'bench', receivedOn: today });
    return body.id;
  };
  const { body: programme } = await call('supervisor', 'POST', '/aid-programmes', {
    unitId, year: 2026, kind: 'living_subsidy', name: 'bench', householdCapFen: 10_000_000, oneGrantPerHousehold: false,
    eligibility: { recipients: ['worker'], tiers: [], admissionLevels: [] }, opensOn: '2000-01-01', closesOn: '2099-12-31',
  });
  const grant = (fundId, amountFen = 1_000) =>
    call('caseworker', 'POST', '/aid-grants', {
      programmeId: programme.id, fundId, amountFen, reason: 'bench',
      recipient: { kind: 'worker', unitId, name: '职工', residentId: nextWorkerId() },
    });

  async function measure(label, concurrency, fundFor) {
    const latencies = [];
    const statuses = new Map();
    const deadline = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, client) => {
        while (performance.now() < deadline) {
          const started = performance.now();
          const { status } = await grant(fundFor(client));
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          latencies.push(performance.now() - started);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
    const answers = [...statuses].map(([status, n]) => `${n}× ${status}`).join(', ');
    return `${label.padEnd(52)} ${Math.round(latencies.length / SECONDS).toLocaleString('en').padStart(5)}/s  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  (${answers})`;
  }

  const lines = [];
  const shared = await openFund(1_000_000_000);
  lines.push(await measure('grant within threshold, 1 client', 1, () => shared));
  lines.push(await measure(`grant, ${CONCURRENCY} clients, one fund (contention)`, CONCURRENCY, () => shared));
  const own = await Promise.all(Array.from({ length: CONCURRENCY }, () => openFund(1_000_000_000)));
  lines.push(await measure(`grant, ${CONCURRENCY} clients, a fund each`, CONCURRENCY, (client) => own[client]));

  const ten = await openFund(10 * 50_000);
  let started = performance.now();
  const race = await Promise.all(Array.from({ length: 50 }, () => grant(ten, 50_000)));
  const granted = race.filter((response) => response.status === 201).length;
  lines.push(`50 grants at once against a fund that pays 10:       ${(performance.now() - started).toFixed(0)} ms (${granted} granted, ${50 - granted} refused)`);

  // The audit chain: a larger log appended straight to the store, then how fast the sealer chains it and verify reads it.
  started = performance.now();
  for (let batch = 0; batch < SYNTHETIC_EVENTS / 100; batch++) {
    await store.appendToStream(`bench-${batch}`, NO_STREAM, Array.from({ length: 100 }, (_, i) => ({
      type: 'BenchEvent',
      data: { n: batch * 100 + i, name: '某某有限公司', amountFen: 12_345 },
      metadata: { eventId: randomUUID(), occurredAt: new Date().toISOString(), actor: 'bench', correlationId: 'bench', causationId: 'bench', schemaVersion: 1 },
    })));
  }
  const appendedMs = performance.now() - started;
  let health;
  do {
    await new Promise((resolve) => setTimeout(resolve, 100));
    health = await (await fetch(`${base}/health`)).json();
  } while (health.auditChain?.eventsBehind > 0);
  const sealedMs = performance.now() - started;
  const chained = health.auditChain?.chainedEvents ?? 'all';
  lines.push(`audit chain: ${SYNTHETIC_EVENTS} events appended in ${appendedMs.toFixed(0)} ms, all chained ${sealedMs.toFixed(0)} ms after the first`);
  started = performance.now();
  const verified = await call('auditor', 'GET', '/audit/verify');
  const verifyMs = performance.now() - started;
  lines.push(`verify over HTTP: ${verified.body.verifiedEvents} events in ${verifyMs.toFixed(0)} ms (${rate(verified.body.verifiedEvents, verifyMs)}), ok=${verified.body.ok} (chain ${chained})`);

  await app.close();
  await server.stop();
  console.log(`\nFunds and audit figures (${SECONDS} s per grant line, concurrency ${CONCURRENCY}):`);
  for (const line of lines) console.log(`  ${line}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
