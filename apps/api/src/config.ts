import { dirname, join, resolve } from 'node:path';

export interface ApiConfig {
  readonly port: number;
  /** An external PostgreSQL; when absent the app runs its own embedded one. */
  readonly databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data between runs. */
  readonly dataDir: string;
  readonly projectorEnabled: boolean;
  /** PROJECTOR_BATCH_SIZE: events the projector reads and applies per transaction (default 500). */
  readonly projectorBatchSize: number;
  readonly bodyLimit: string;
  readonly security: SecurityConfig;
  /** The personal-data master key in base64 (PERSONAL_DATA_KEY); when absent it is read from, or made in, the key file. */
  readonly personalDataKey?: string;
  readonly personalDataKeyFile: string;
  /** Where the events live; the read models, sessions and checkpoints stay in PostgreSQL either way. */
  readonly eventStore: EventStoreConfig;
  readonly auditTrail: AuditTrailConfig;
}

/** Tamper evidence: the sealer that chains the log, its checkpoints, and the key that signs them. */
export interface AuditTrailConfig {
  /** AUDIT_SIGNING_KEY: an Ed25519 private key, PEM or base64 PKCS#8 DER; when absent, the key file. */
  readonly signingKey?: string;
  readonly signingKeyFile: string;
  readonly sealerEnabled: boolean;
  /** A checkpoint after this many newly chained events... */
  readonly checkpointEvery: number;
  /** ... and one at most this many seconds after the last, when anything was chained since. */
  readonly checkpointIntervalSeconds: number;
}

export const DEFAULT_PROJECTOR_BATCH_SIZE = 500;

export const DEFAULT_AUDIT_TRAIL = { checkpointEvery: 1000, checkpointIntervalSeconds: 300 } as const;

/** EVENT_STORE=postgres (the default: the log in the app's own PostgreSQL) or eventstoredb (EVENTSTOREDB_URL). */
export type EventStoreConfig =
  | { readonly kind: 'postgres' }
  | {
      readonly kind: 'eventstoredb';
      /** An EventStoreDB/KurrentDB connection string, e.g. `kurrentdb://localhost:2113?tls=false`. */
      readonly url: string;
    };

export const EVENT_STORE_KINDS = ['postgres', 'eventstoredb'] as const;

/** The schemes the KurrentDB client accepts (`esdb` ones are deprecated but still understood). */
const EVENTSTOREDB_SCHEME = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\/[^/?#]/;

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
    projectorBatchSize: positiveInteger(env, 'PROJECTOR_BATCH_SIZE', DEFAULT_PROJECTOR_BATCH_SIZE),
    bodyLimit: env.BODY_LIMIT ?? '256kb',
    security: {
      signInRateLimit: positiveInteger(env, 'SIGN_IN_RATE_LIMIT', DEFAULT_SECURITY.signInRateLimit),
      sessionMaxAgeMinutes: positiveInteger(env, 'SESSION_MAX_AGE_MINUTES', DEFAULT_SECURITY.sessionMaxAgeMinutes),
      sessionIdleMinutes: positiveInteger(env, 'SESSION_IDLE_MINUTES', DEFAULT_SECURITY.sessionIdleMinutes),
      cookieSecure: env.COOKIE_SECURE === 'true',
      corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
      trustProxy: trustProxyFrom(env.TRUST_PROXY),
    },
    eventStore: eventStoreFrom(env),
    auditTrail: {
      signingKey: env.AUDIT_SIGNING_KEY || undefined,
      signingKeyFile: resolve(env.AUDIT_SIGNING_KEY_FILE ?? join(dirname(dataDir), 'audit-signing.key')),
      sealerEnabled: env.AUDIT_SEALER_ENABLED !== 'false',
      checkpointEvery: positiveInteger(env, 'AUDIT_CHECKPOINT_EVERY', DEFAULT_AUDIT_TRAIL.checkpointEvery),
      checkpointIntervalSeconds: positiveInteger(env, 'AUDIT_CHECKPOINT_INTERVAL_SECONDS', DEFAULT_AUDIT_TRAIL.checkpointIntervalSeconds),
    },
  };
}

export function eventStoreFrom(env: NodeJS.ProcessEnv): EventStoreConfig {
  const kind = env.EVENT_STORE || 'postgres';
  if (kind === 'postgres') return { kind };
  if (kind !== 'eventstoredb') throw new Error(`EVENT_STORE must be one of ${EVENT_STORE_KINDS.join(', ')}, got "${kind}"`);
  const url = env.EVENTSTOREDB_URL?.trim();
  if (!url) throw new Error('EVENTSTOREDB_URL is required when EVENT_STORE=eventstoredb (e.g. kurrentdb://localhost:2113?tls=false)');
  if (!EVENTSTOREDB_SCHEME.test(url)) {
    throw new Error(`EVENTSTOREDB_URL must be a connection string starting kurrentdb://, kurrent://, kdb:// or esdb:// (with +discover for DNS discovery), got "${url}"`);
  }
  return { kind, url };
}

/** Express's `trust proxy`: true, a number of hops, or addresses and subnets ("loopback", "10.0.0.0/8"). */
function trustProxyFrom(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}
