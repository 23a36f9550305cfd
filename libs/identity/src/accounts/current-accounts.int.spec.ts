import { randomUUID } from 'node:crypto';
import { ANY, loadStream, PostgresEventStore } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testEvent } from '../../../event-store/src/testing/event-store-contract.js';
import { accountStreamName } from '../identity.streams.js';
import { accountDecider } from './account.decider.js';
import { CurrentAccounts } from './current-accounts.js';

let database: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  store = new PostgresEventStore({ pool: database.pool, listenConnection: { connectionString: database.connectionString } });
});

afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('current accounts', () => {
  it('follows new events on top of what it folded before, ending where a full fold of the stream ends', async () => {
    const userId = randomUUID();
    const stream = accountStreamName(userId);
    const accounts = new CurrentAccounts(store);
    expect(await accounts.load(userId)).toEqual({ status: 'absent' });

    await store.appendToStream(stream, ANY, [
      testEvent('AccountCreated', { userId, username: 'wang', displayName: '王', role: 'caseworker', unitId: 'unit-a' }),
    ]);
    expect(await accounts.load(userId)).toMatchObject({ status: 'active', role: 'caseworker' });
    for (let i = 0; i < 3; i++) await store.appendToStream(stream, ANY, [testEvent('SignedIn', { userId, sessionId: `s-${i}`, client: 'api', ip: 'x' })]);
    await store.appendToStream(stream, ANY, [testEvent('AccountRoleChanged', { userId, role: 'auditor', previousRole: 'caseworker' })]);
    await store.appendToStream(stream, ANY, [testEvent('AccountDisabled', { userId, reason: '调离' })]);

    const followed = await accounts.load(userId);
    expect(followed).toMatchObject({ status: 'disabled', role: 'auditor' });
    expect(followed).toEqual((await loadStream(store, accountDecider, stream)).state);
    expect(await accounts.load(userId)).toBe(followed);
  });

  it('loses no failed attempt when two processes record sign-ins on one account at once', async () => {
    const userId = randomUUID();
    const stream = accountStreamName(userId);
    await store.appendToStream(stream, ANY, [
      testEvent('AccountCreated', { userId, username: 'zhao', displayName: '赵', role: 'caseworker', unitId: 'unit-a' }),
    ]);
    const processes = [new CurrentAccounts(store), new CurrentAccounts(store)];
    await Promise.all(processes.map((accounts) => accounts.load(userId)));
    const context = (n: number) => ({
      actor: userId,
      correlationId: `c-${n}`,
      commandId: `cmd-${n}`,
      now: new Date('2026-11-22T09:00:00.000Z'),
      newEventId: () => randomUUID(),
    });
    const attempt = { type: 'RecordSignInAttempt' as const, data: { passwordMatches: false, sessionId: 's', client: 'api' as const, ip: 'x', now: '2026-11-22T09:00:00.000Z' } };
    await Promise.all(processes.map((accounts, n) => accounts.decide(userId, attempt, context(n))));

    const recorded = await store.readStream(stream);
    expect(recorded.map((event) => [event.type, event.data.consecutiveFailures])).toEqual([
      ['AccountCreated', undefined],
      ['SignInFailed', 1],
      ['SignInFailed', 2],
    ]);
  });

  it('takes simultaneous attempts on one account in turn, so the lockout counts every one', async () => {
    const userId = randomUUID();
    const stream = accountStreamName(userId);
    await store.appendToStream(stream, ANY, [
      testEvent('AccountCreated', { userId, username: 'sun', displayName: '孙', role: 'caseworker', unitId: 'unit-a' }),
    ]);
    const accounts = new CurrentAccounts(store);
    const attempt = { type: 'RecordSignInAttempt' as const, data: { passwordMatches: false, sessionId: 's', client: 'api' as const, ip: 'x', now: '2026-11-22T09:00:00.000Z' } };
    await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        accounts.decide(userId, attempt, { actor: userId, correlationId: `c-${n}`, commandId: `cmd-${n}`, now: new Date(), newEventId: () => randomUUID() }),
      ),
    );
    const recorded = (await store.readStream(stream)).slice(1).map((event) => `${event.type}:${event.data.reason ?? ''}:${event.data.consecutiveFailures ?? ''}`);
    expect(recorded).toEqual([
      'SignInFailed:wrong_password:1',
      'SignInFailed:wrong_password:2',
      'SignInFailed:wrong_password:3',
      'SignInFailed:wrong_password:4',
      'SignInFailed:wrong_password:5',
      'AccountLocked::',
      'SignInFailed:locked:0',
      'SignInFailed:locked:0',
      'SignInFailed:locked:0',
    ]);
  });
});
