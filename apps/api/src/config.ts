import { resolve } from 'node:path';

export interface ApiConfig {
  readonly port: number;
  /** An external PostgreSQL; when absent the app runs its own embedded one. */
  readonly databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data between runs. */
  readonly dataDir: string;
  readonly projectorEnabled: boolean;
  readonly bodyLimit: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.UNIONCASE_DATA_DIR ?? '.data/postgres'),
    projectorEnabled: env.PROJECTOR_ENABLED !== 'false',
    bodyLimit: env.BODY_LIMIT ?? '256kb',
  };
}
