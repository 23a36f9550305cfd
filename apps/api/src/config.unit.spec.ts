import { DEFAULT_SECURITY, readConfig } from './config.js';

describe('readConfig', () => {
  it('takes safe defaults: CORS closed, proxies untrusted, sign-in limited', () => {
    expect(readConfig({}).security).toEqual(DEFAULT_SECURITY);
    expect(DEFAULT_SECURITY).toMatchObject({ corsOrigins: [], trustProxy: false, cookieSecure: false, signInRateLimit: 10 });
  });

  it('reads the security settings from the environment', () => {
    const { security } = readConfig({
      SIGN_IN_RATE_LIMIT: '5',
      SESSION_IDLE_MINUTES: '15',
      COOKIE_SECURE: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: '1',
    });
    expect(security).toMatchObject({
      signInRateLimit: 5,
      sessionIdleMinutes: 15,
      cookieSecure: true,
      corsOrigins: ['https://a.example', 'https://b.example'],
      trustProxy: 1,
    });
    expect(readConfig({ TRUST_PROXY: 'true' }).security.trustProxy).toBe(true);
    expect(readConfig({ TRUST_PROXY: 'loopback' }).security.trustProxy).toBe('loopback');
  });

  it('refuses a setting that is not a whole number of at least 1, naming it', () => {
    expect(() => readConfig({ SIGN_IN_RATE_LIMIT: '0' })).toThrow(/SIGN_IN_RATE_LIMIT/);
    expect(() => readConfig({ SESSION_MAX_AGE_MINUTES: 'forever' })).toThrow(/SESSION_MAX_AGE_MINUTES/);
  });

  it('runs the projector in batches of 500 unless PROJECTOR_BATCH_SIZE says otherwise', () => {
    expect(readConfig({}).projectorBatchSize).toBe(500);
    expect(readConfig({ PROJECTOR_BATCH_SIZE: '3' }).projectorBatchSize).toBe(3);
    expect(() => readConfig({ PROJECTOR_BATCH_SIZE: '0' })).toThrow(/PROJECTOR_BATCH_SIZE/);
  });

  it('keeps the events in PostgreSQL unless told otherwise', () => {
    expect(readConfig({}).eventStore).toEqual({ kind: 'postgres' });
    expect(readConfig({ EVENT_STORE: '' }).eventStore).toEqual({ kind: 'postgres' });
    expect(readConfig({ EVENT_STORE: 'postgres', EVENTSTOREDB_URL: 'kurrentdb://ignored:2113' }).eventStore).toEqual({ kind: 'postgres' });
  });

  it('selects EventStoreDB/KurrentDB with its connection string', () => {
    expect(readConfig({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'kurrentdb://localhost:2113?tls=false' }).eventStore).toEqual({
      kind: 'eventstoredb',
      url: 'kurrentdb://localhost:2113?tls=false',
    });
    expect(readConfig({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: ' esdb+discover://cluster.internal:2113 ' }).eventStore).toEqual({
      kind: 'eventstoredb',
      url: 'esdb+discover://cluster.internal:2113',
    });
  });

  it('refuses EventStoreDB without a usable EVENTSTOREDB_URL, naming the variable', () => {
    expect(() => readConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTOREDB_URL is required when EVENT_STORE=eventstoredb/);
    expect(() => readConfig({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: '  ' })).toThrow(/EVENTSTOREDB_URL is required/);
    expect(() => readConfig({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'http://localhost:2113' })).toThrow(/EVENTSTOREDB_URL must be a connection string/);
    expect(() => readConfig({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'kurrentdb://' })).toThrow(/EVENTSTOREDB_URL/);
  });

  it('refuses an unknown EVENT_STORE, naming the choices', () => {
    expect(() => readConfig({ EVENT_STORE: 'EventStoreDB' })).toThrow(/EVENT_STORE must be one of postgres, eventstoredb, got "EventStoreDB"/);
    expect(() => readConfig({ EVENT_STORE: 'mongo' })).toThrow(/EVENT_STORE/);
  });
});
