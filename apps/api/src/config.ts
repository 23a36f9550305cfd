import { dirname, join, resolve } from 'node:path';

export interface ApiConfig {
  readonly port: number;
  /** An external PostgreSQL; when absent the app runs its own embedded one. */
  readonly databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data between runs. */
  readonly dataDir: string;
  readonly projectorEnabled: boolean;
  readonly bodyLimit: string;
  readonly security: SecurityConfig;
  /** The personal-data master key in base64 (PERSONAL_DATA_KEY); when absent it is read from, or made in, the key file. */
  readonly personalDataKey?: string;
  readonly personalDataKeyFile: string;
}

export interface SecurityConfig {
  /** Sign-in attempts allowed per client address per minute. */
  readonly signInRateLimit: number;
  readonly sessionMaxAgeMinutes: number;
  readonly sessionIdleMinutes: number;
  /** Mark the session cookie Secure even when the request reached us over plain HTTP (behind a TLS proxy). */
  readonly cookieSecure: boolean;
  /** Origins allowed to call the API from a browser; none by default (the UI is served from the same origin). */
  readonly corsOrigins: readonly string[];
  /** Express's trust proxy setting, so the client address is the real one behind a reverse proxy. */
  readonly trustProxy: boolean | number | string;
}

export const DEFAULT_SECURITY: SecurityConfig = {
  signInRateLimit: 10,
  sessionMaxAgeMinutes: 12 * 60,
  sessionIdleMinutes: 30,
  cookieSecure: false,
  corsOrigins: [],
  trustProxy: false,
};

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const dataDir = resolve(env.UNIONCASE_DATA_DIR ?? '.data/postgres');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    personalDataKey: env.PERSONAL_DATA_KEY || undefined,
    // Beside the embedded database's directory by default, so one data directory holds an installation.
    personalDataKeyFile: resolve(env.PERSONAL_DATA_KEY_FILE ?? join(dirname(dataDir), 'personal-data.key')),
    projectorEnabled: env.PROJECTOR_ENABLED !== 'false',
    bodyLimit: env.BODY_LIMIT ?? '256kb',
    security: {
      signInRateLimit: positiveInteger(env, 'SIGN_IN_RATE_LIMIT', DEFAULT_SECURITY.signInRateLimit),
      sessionMaxAgeMinutes: positiveInteger(env, 'SESSION_MAX_AGE_MINUTES', DEFAULT_SECURITY.sessionMaxAgeMinutes),
      sessionIdleMinutes: positiveInteger(env, 'SESSION_IDLE_MINUTES', DEFAULT_SECURITY.sessionIdleMinutes),
      cookieSecure: env.COOKIE_SECURE === 'true',
      corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
      trustProxy: trustProxyFrom(env.TRUST_PROXY),
    },
  };
}

/** Express's `trust proxy`: true, a number of hops, or addresses and subnets ("loopback", "10.0.0.0/8"). */
function trustProxyFrom(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}
