import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alterEventData, deleteEvent } from '../../libs/audit-trail/src/testing/tamper.js';
import { readLog } from '../support/event-log.js';
import { api, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

/**
 * Tamper evidence as an auditor meets it: the routes only auditors may call, a checkpoint kept and handed back, and
 * `verify` over HTTP and as `npm run verify-log`, before and after rows of event_store.events were changed in
 * PostgreSQL behind the app's back. The log lives in PostgreSQL here whatever the run's adapter: that is where it
 * can be tampered with by SQL.
 */
let testApp: TestApp;
let url: string;
let township: string;
let users: Record<'caseworker' | 'supervisor' | 'auditor' | 'admin', SignedInUser>;
const signingKey = generateKeyPairSync('ed25519').privateKey;

beforeAll(async () => {
  testApp = await startTestApp({ eventStore: { kind: 'postgres' }, auditTrail: { signingKey, pollIntervalMs: 50 } });
  url = testApp.baseUrl;
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  users = {
    caseworker: await testApp.createUser('caseworker', township),
    supervisor: await testApp.createUser('supervisor', township),
    auditor: await testApp.createUser('auditor', testApp.rootUnitId),
    admin: testApp.admin,
  };
  for (const [i, creditCode] of ['91350100M000100Y43', '91110000600037341L'].entries()) {
    const registered = await api(url, 'POST', '/enterprises', {
      token: users.caseworker.token,
      body: { name: `企业${i}`, creditCode, ownership: 'non_public', industry: 'textiles', unitId: township, employeeCount: 40, womenEmployeeCount: 12 },
    });
    expect(registered.status).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await testApp?.close();
});

function verifyLogCommand(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['dist/apps/api/src/cli/verify-log.js', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: testApp.database.connectionString,
      EVENT_STORE: 'postgres',
      AUDIT_SIGNING_KEY: signingKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** The JSON report the command prints before its summary line. */
function reportIn(output: string) {
  return JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1));
}

describe('who may verify', () => {
  it('answers 401 without a session and 403 to every role but auditors; admins alone record a checkpoint on demand', async () => {
    for (const path of ['/audit/verify', '/audit/checkpoints', '/audit/public-key']) {
      expect((await api(url, 'GET', path)).status).toBe(401);
      for (const user of [users.caseworker, users.supervisor, users.admin]) {
        const response = await api(url, 'GET', path, { token: user.token });
        expect({ path, role: user.role, status: response.status, code: response.body.code }).toEqual({ path, role: user.role, status: 403, code: 'ACCESS.ROLE_NOT_ALLOWED' });
      }
      expect((await api(url, 'GET', path, { token: users.auditor.token })).status).toBe(200);
    }
    expect((await api(url, 'POST', '/audit/verify', { body: {} })).status).toBe(401);
    expect((await api(url, 'POST', '/audit/verify', { token: users.admin.token, body: {} })).status).toBe(403);
    expect((await api(url, 'POST', '/audit/checkpoints', { token: users.auditor.token })).status).toBe(403);
    expect((await api(url, 'POST', '/audit/checkpoints')).status).toBe(401);
  });

  it('refuses a kept checkpoint that is not one, with problem details naming the field', async () => {
    const response = await api(url, 'POST', '/audit/verify', { token: users.auditor.token, body: { sequence: 1, position: '1/1', eventId: 'x' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(['eventId', 'chainHash', 'signature']));
  });
});

describe('verify', () => {
  let kept: Record<string, unknown>;
  let publicKeyFile: string;
  let checkpointFile: string;

  it('holds for the untouched log, over HTTP and as the command, against a checkpoint the auditor kept', async () => {
    const recorded = await api(url, 'POST', '/audit/checkpoints', { token: users.admin.token });
    expect(recorded.status).toBe(201);
    const log = await readLog(testApp);
    const last = log[log.length - 1];
    expect(recorded.body).toMatchObject({ sequence: log.length, eventId: last.metadata.eventId, chainHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const health = await api(url, 'GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', auditChain: { running: true, latestCheckpoint: { sequence: log.length } } });
    expect(health.body.auditChain.chainedEvents).toBeGreaterThanOrEqual(log.length);

    const listed = await api(url, 'GET', '/audit/checkpoints?pageSize=1', { token: users.auditor.token });
    expect(listed.body).toMatchObject({ page: 1, pageSize: 1, items: [recorded.body] });
    kept = listed.body.items[0];
    const publicKey = await api(url, 'GET', '/audit/public-key', { token: users.auditor.token });
    expect(publicKey.body).toMatchObject({ algorithm: 'Ed25519', keyId: kept.keyId, publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') });
    const directory = await mkdtemp(join(tmpdir(), 'unioncase-auditor-'));
    publicKeyFile = join(directory, 'audit-public-key.pem');
    checkpointFile = join(directory, 'checkpoint.json');
    await writeFile(publicKeyFile, publicKey.body.publicKeyPem);
    await writeFile(checkpointFile, JSON.stringify(kept));

    const verified = await api(url, 'GET', '/audit/verify', { token: users.auditor.token });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, latestCheckpoint: { sequence: log.length } });
    expect(verified.body.verifiedEvents).toBeGreaterThanOrEqual(log.length);
    const against = await api(url, 'POST', '/audit/verify', { token: users.auditor.token, body: kept });
    expect(against.status).toBe(200);
    expect(against.body).toMatchObject({ ok: true, keptCheckpoint: { sequence: log.length, held: true } });

    // The auditor's own copies of the public key and the checkpoint: no private key needed to check.
    const command = await verifyLogCommand(['--public-key', publicKeyFile, '--checkpoint', checkpointFile], { AUDIT_SIGNING_KEY: '', AUDIT_SIGNING_KEY_FILE: join(directory, 'none.key') });
    expect(command.code).toBe(0);
    expect(command.output).toMatch(/The log holds up: \d+ events match the chain, up to checkpoint \d+ .*the kept checkpoint \d+ holds/);
    expect(reportIn(command.output)).toMatchObject({ ok: true, keptCheckpoint: { held: true } });

    const another = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await writeFile(join(directory, 'other.pem'), another);
    const wrongKey = await verifyLogCommand(['--public-key', join(directory, 'other.pem')]);
    expect(wrongKey.code).toBe(1);
    expect(reportIn(wrongKey.output).firstProblem.kind).toBe('checkpoint_signature_invalid');
    expect((await verifyLogCommand(['--checkpoint', publicKeyFile])).code).toBe(2);
  }, 60_000);

  it('names the exact event whose data was changed in PostgreSQL, over HTTP and as the command (exit 1)', async () => {
    const log = await readLog(testApp);
    const victim = log.find((event) => event.type === 'EnterpriseRegistered')!;
    await alterEventData(testApp.database.pool, victim.metadata.eventId, { ...victim.data, employeeCount: 4000 });

    const verified = await api(url, 'GET', '/audit/verify', { token: users.auditor.token });
    expect(verified.status).toBe(200);
    const where = log.indexOf(victim) + 1;
    const named = {
      eventId: victim.metadata.eventId,
      streamName: victim.streamName,
      revision: Number(victim.revision),
      position: `${victim.position.commit}/${victim.position.prepare}`,
      sequence: where,
    };
    expect(verified.body).toMatchObject({ ok: false, verifiedEvents: where - 1, firstProblem: { kind: 'altered', sequence: where, event: named } });
    // The kept checkpoint no longer holds either.
    expect((await api(url, 'POST', '/audit/verify', { token: users.auditor.token, body: kept })).body.keptCheckpoint).toEqual({ sequence: kept.sequence, held: false });

    const command = await verifyLogCommand([]);
    expect(command.code).toBe(1);
    expect(command.output).toContain(`The log does NOT hold up (altered): Event ${victim.metadata.eventId}`);
    expect(reportIn(command.output).firstProblem).toMatchObject({ kind: 'altered', event: named });

    // Put back as it was, the log holds up again: nothing but the content was judged.
    await alterEventData(testApp.database.pool, victim.metadata.eventId, victim.data);
    expect((await verifyLogCommand([])).code).toBe(0);
  }, 60_000);

  it('names the exact event whose row was deleted as removed', async () => {
    const log = await readLog(testApp);
    const victim = log[3];
    await deleteEvent(testApp.database.pool, victim.metadata.eventId);
    const verified = await api(url, 'GET', '/audit/verify', { token: users.auditor.token });
    expect(verified.body).toMatchObject({ ok: false, firstProblem: { kind: 'removed', sequence: 4, event: { eventId: victim.metadata.eventId, streamName: victim.streamName } } });
    const command = await verifyLogCommand([]);
    expect(command.code).toBe(1);
    expect(command.output).toContain(`(removed): Event ${victim.metadata.eventId}`);
  }, 60_000);
});
