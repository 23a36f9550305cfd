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
});
