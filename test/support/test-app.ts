import type { INestApplication } from '@nestjs/common';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCommandContext, EventStore } from '#event-store';
import { CredentialStore, PasswordHasher, createAccount, createUnit, type UnitLevel } from '#identity';
import { Clock, IdGenerator, type Role } from '#shared-kernel';
import type { EventStoreConfig } from '../../apps/api/src/config.js';
import { createApp, type CreateAppOptions } from '../../apps/api/src/create-app.js';
import { EventStoreDbDouble } from '../../libs/event-store/src/testing/eventstoredb-double/eventstoredb-double.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface SignedInUser {
  readonly userId: string;
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly unitId: string;
  readonly token: string;
}

/**
 * Which adapter the end-to-end tests run the app on: PostgreSQL by default, or with
 * UNIONCASE_TEST_EVENT_STORE=eventstoredb the EventStoreDB adapter over a fresh in-process gRPC double of the
 * server per test app (`npm run test:e2e:eventstoredb`). The read models stay in the test's PostgreSQL either way.
 */
export function testEventStoreKind(): EventStoreConfig['kind'] {
  const kind = process.env.UNIONCASE_TEST_EVENT_STORE || 'postgres';
  if (kind !== 'postgres' && kind !== 'eventstoredb') throw new Error(`UNIONCASE_TEST_EVENT_STORE must be postgres or eventstoredb, got "${kind}"`);
  return kind;
}

/** Starts what the selected adapter needs beyond the test database: nothing, or a gRPC double of EventStoreDB. */
export async function startTestEventStore(): Promise<{ config: EventStoreConfig; stop(): Promise<void>; heldEvents?: () => number }> {
  if (testEventStoreKind() === 'postgres') return { config: { kind: 'postgres' }, stop: async () => undefined };
  const double = new EventStoreDbDouble();
  const url = await double.start();
  return { config: { kind: 'eventstoredb', url }, stop: () => double.stop(), heldEvents: () => double.eventCount };
}

export interface TestApp {
  readonly baseUrl: string;
  readonly database: TestDatabase;
  /**
   * On the EventStoreDB run only: how many events the in-process double holds, asked of it directly rather than
   * over gRPC (the client's reads cost tens of milliseconds each; see the README). Undefined on PostgreSQL.
   */
  readonly heldEvents?: () => number;
  /** Where the app's events live, so another process (a projector, a tool) can be pointed at the same store. */
  readonly eventStore: EventStoreConfig;
  readonly app: INestApplication;
  /** The top unit (a district federation) and its admin, made the way the create-admin command makes them. */
  readonly rootUnitId: string;
  readonly admin: SignedInUser;
  /** Creates a unit through the API as the admin, and waits until the read side lists it. */
  createUnit(name: string, level: UnitLevel, parentId: string): Promise<string>;
  /** Creates an account through the API as the admin and signs it in with a bearer token. */
  createUser(role: Role, unitId: string, username?: string): Promise<SignedInUser>;
  close(): Promise<void>;
}

export function newPassword(): string {
  return `pw-${randomBytes(12).toString('base64url')}`;
}

/**
 * Every password the app accepted, every token or session cookie it issued, and every resident ID number or mobile
 * number sent to it, as seen through `api()`. Each test app's log is checked against them when it closes: any of
 * them in a log fails the test file.
 */
const issuedSecrets = new Set<string>();

function rememberSecret(value: unknown): void {
  // Short or repetitive strings (a fuzzed "password" of twelve zeros) could turn up in a log by coincidence.
  if (typeof value === 'string' && value.length >= 12 && new Set(value).size >= 6) issuedSecrets.add(value);
}

/**
 * Fails when the log holds any issued secret. nestjs-pino keeps one root logger per process, so when a test file
 * starts a second app, that app's lines go to the first app's file: only the first must show request lines (else
 * the check would prove nothing), and it is closed, and so checked, last.
 */
export function assertLogHoldsNoSecrets(log: string, where: string, mustHaveRequestLines: boolean): void {
  if (mustHaveRequestLines && !/"msg":"(GET|POST|PUT) \/api\//.test(log)) {
    throw new Error(`${where} has no request log lines: the secrets check would prove nothing`);
  }
  const leaked = [...issuedSecrets].filter((secret) => log.includes(secret));
  if (leaked.length) throw new Error(`${where} contains ${leaked.length} password(s), token(s), session cookie(s), ID or phone number(s)`);
}

/** Resident ID numbers and mobile numbers: personal data, distinctive enough to look for in a log. */
const PERSONAL_DATA_SHAPES = [/^\d{17}[\dXx]$/, /^1\d{10}$/];

function rememberPersonalData(value: unknown): void {
  if (typeof value === 'string' && PERSONAL_DATA_SHAPES.some((shape) => shape.test(value.trim()))) issuedSecrets.add(value.trim());
  else if (Array.isArray(value)) value.forEach(rememberPersonalData);
  else if (value && typeof value === 'object') Object.values(value).forEach(rememberPersonalData);
}

const LOG_DIRECTORY = join(process.cwd(), 'test-output', 'logs');
let appsStarted = 0;

/** The real app on a fresh database, listening on a free port: tests talk to it over HTTP. */
export async function startTestApp(options: Partial<CreateAppOptions> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // Logged at info level to a file per app, as a server would log: checked for secrets on close.
  const logFile = join(LOG_DIRECTORY, `${database.connectionString.split('/').pop()}.log`);
  const firstInProcess = appsStarted++ === 0;
  const eventStore = await startTestEventStore();
  const app = await createApp({
    databaseUrl: database.connectionString,
    logLevel: 'info',
    logFile,
    personalDataKey: randomBytes(32),
    eventStore: eventStore.config,
    // The audit sealer runs as in the server; tests that need the chain up to date record a checkpoint, which seals first.
    auditTrail: { signingKey: generateKeyPairSync('ed25519').privateKey },
    ...options,
    // Tests sign in far more often than people do; the limit itself is tested with a low one.
    security: { signInRateLimit: 10_000, ...options.security },
  }).catch(async (error: unknown) => {
    await eventStore.stop();
    throw error;
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}/api`;

  const store = app.get(EventStore);
  const ids = app.get(IdGenerator);
  const context = createCommandContext({ actor: 'system:test-setup', correlationId: 'test-setup' }, app.get(Clock), ids);
  const { unitId: rootUnitId } = await createUnit(store, context, { unitId: ids.newId(), name: '尧都区总工会', level: 'district', parent: null });
  const adminPassword = newPassword();
  rememberSecret(adminPassword);
  const { userId: adminId } = await createAccount({ store, hasher: app.get(PasswordHasher), credentials: app.get(CredentialStore) }, context, {
    userId: ids.newId(),
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    unitId: rootUnitId,
    password: adminPassword,
  });
  const admin: SignedInUser = {
    userId: adminId,
    username: 'admin',
    password: adminPassword,
    role: 'admin',
    unitId: rootUnitId,
    token: await signIn(baseUrl, 'admin', adminPassword),
  };
  await eventually(async () => expect((await api(baseUrl, 'GET', `/units/${rootUnitId}`, { token: admin.token })).status).toBe(200));

  let users = 0;
  return {
    baseUrl,
    database,
    heldEvents: eventStore.heldEvents,
    eventStore: eventStore.config,
    app,
    rootUnitId,
    admin,
    async createUnit(name, level, parentId) {
      const created = await api(baseUrl, 'POST', '/units', { token: admin.token, body: { name, level, parentId } });
      if (created.status !== 201) throw new Error(`Creating unit ${name} failed: ${JSON.stringify(created.body)}`);
      await eventually(async () => expect((await api(baseUrl, 'GET', `/units/${created.body.id}`, { token: admin.token })).status).toBe(200));
      return created.body.id;
    },
    async createUser(role, unitId, username = `${role}-${++users}`) {
      const password = newPassword();
      const created = await api(baseUrl, 'POST', '/accounts', {
        token: admin.token,
        body: { username, displayName: `${role} ${users}`, role, unitId, password },
      });
      if (created.status !== 201) throw new Error(`Creating ${username} failed: ${JSON.stringify(created.body)}`);
      return { userId: created.body.id, username, password, role, unitId, token: await signIn(baseUrl, username, password) };
    },
    async close() {
      await app.close();
      await eventStore.stop();
      await database.drop();
      assertLogHoldsNoSecrets(existsSync(logFile) ? readFileSync(logFile, 'utf8') : '', logFile, firstInProcess);
    },
  };
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await api(baseUrl, 'POST', '/auth/tokens', { body: { username, password } });
  if (response.status !== 201) throw new Error(`Sign-in of ${username} failed: ${JSON.stringify(response.body)}`);
  return response.body.token;
}

export interface ApiResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
  text: string;
}

export async function api<Body = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; token?: string } = {},
): Promise<ApiResponse<Body>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json');
  const body = text && json ? JSON.parse(text) : text || undefined;
  rememberSecret(body?.token);
  rememberSecret(/unioncase_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]);
  if (response.ok && options.body && typeof options.body === 'object') {
    const sent = options.body as Record<string, unknown>;
    for (const field of ['password', 'newPassword', 'currentPassword']) rememberSecret(sent[field]);
  }
  if (options.body !== undefined) rememberPersonalData(options.body);
  return { status: response.status, headers: response.headers, body, text };
}

/** Polls until `check` stops throwing: the read side follows the log within moments, not instantly. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
