import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { SessionStore, type SessionPolicy } from './session-store.js';

let database: TestDatabase;
let dataSource: DataSource;
let sessions: SessionStore;
const policy: SessionPolicy = { maxAgeMinutes: 60, idleMinutes: 10 };
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 9, minutes));

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = new DataSource({ type: 'postgres', url: database.connectionString, synchronize: false });
  await dataSource.initialize();
  sessions = new SessionStore(dataSource);
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

describe('session store', () => {
  it('resolves a token while in use, and not after idling, past its age, or once ended', async () => {
    const userId = randomUUID();
    const session = await sessions.open(randomUUID(), userId, 'api', policy, at(0));
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await database.pool.query(`SELECT token_hash FROM identity.sessions WHERE id = $1`, [session.sessionId]);
    expect(rows[0].token_hash.toString('base64url')).not.toBe(session.token);

    expect(await sessions.resolve(session.token, policy, at(9))).toEqual({ sessionId: session.sessionId, userId });
    expect(await sessions.resolve(session.token, policy, at(18))).not.toBeNull();
    expect(await sessions.resolve(session.token, policy, at(29))).toBeNull();

    const busy = await sessions.open(randomUUID(), userId, 'browser', policy, at(0));
    for (let minute = 5; minute < 60; minute += 5) expect(await sessions.resolve(busy.token, policy, at(minute))).not.toBeNull();
    expect(await sessions.resolve(busy.token, policy, at(60))).toBeNull();

    const ended = await sessions.open(randomUUID(), userId, 'api', policy, at(0));
    await sessions.end(ended.sessionId, 'signed_out', at(1));
    expect(await sessions.resolve(ended.token, policy, at(2))).toBeNull();
    expect(await sessions.resolve('not-a-token', policy, at(2))).toBeNull();
  });

  it('ends all of a user\'s sessions but the one kept, and forgets long-ended ones', async () => {
    const userId = randomUUID();
    const kept = await sessions.open(randomUUID(), userId, 'api', policy, at(0));
    const other = await sessions.open(randomUUID(), userId, 'browser', policy, at(0));
    await sessions.endAllOf(userId, 'password_changed', at(1), kept.sessionId);
    expect(await sessions.resolve(kept.token, policy, at(2))).not.toBeNull();
    expect(await sessions.resolve(other.token, policy, at(2))).toBeNull();

    const count = async () => (await database.pool.query(`SELECT count(*)::int AS n FROM identity.sessions WHERE user_id = $1`, [userId])).rows[0].n;
    expect(await sessions.forgetEndedBefore(at(1))).toBe(0);
    expect(await count()).toBe(2);
    await sessions.forgetEndedBefore(at(61));
    expect(await count()).toBe(0);
  });
});
