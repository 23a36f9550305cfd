import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { EventStore } from '#event-store';
import { openToolDatabase, runMigrations } from '#platform';
import { PROJECTIONS, ProjectionRebuilder, projectionVersion, type Projection, type RebuildRun } from '#projections';
import { AppModule } from '../app.module.js';
import { DEFAULT_SECURITY, readConfig } from '../config.js';
import { loadPersonalDataKey } from '../infrastructure/personal-data-key.js';

const USAGE = `Rebuilds one projection's read-model tables from the whole event log, without downtime, and prints the result (JSON).

  npm run rebuild-projection -- <name>
  npm run rebuild-projection -- --projection <name>

Builds fresh copies of the projection's tables from the start of the log (PostgreSQL, or EventStoreDB with
EVENT_STORE=eventstoredb) beside the live ones, while a running API keeps answering from the live tables and its
projector keeps them up to date; once the copies have caught up, swaps them in within one transaction and records
the projection's version. Ctrl-C (or a failure) drops the copies and leaves the live tables as they were. Uses
DATABASE_URL, or the embedded database in UNIONCASE_DATA_DIR (attached to if the API is running, else started), and
the personal-data key (PERSONAL_DATA_KEY or its file), which the rebuild needs to open the names it keeps.
The API can start the same with POST /api/admin/projections/<name>/rebuild; only one runs per projection at a time.

  --projection <name>   the projection (identity, organizing, bargaining, casework, employment, funds, ...)
  --batch-size <n>      events per transaction while building the copies (default 500)

Exit codes: 0 rebuilt; 1 the rebuild failed, was cancelled, or another is running; 2 bad arguments.`;

class UsageError extends Error {}

function parse(): { projection: string; batchSize?: number } | 'help' {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { projection: { type: 'string' }, 'batch-size': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return 'help';
  const names = [values.projection, ...positionals].filter((name): name is string => Boolean(name));
  if (names.length !== 1) throw new UsageError('Name one projection to rebuild');
  let batchSize: number | undefined;
  if (values['batch-size'] !== undefined) {
    batchSize = Number(values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError(`--batch-size must be a whole number of at least 1, got "${values['batch-size']}"`);
  }
  return { projection: names[0], batchSize };
}

async function main(): Promise<number> {
  const logger = new Logger('rebuild-projection');
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    logger.error((error as Error).message);
    process.stdout.write(`${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const config = readConfig();
  // Never made here: with a new key nothing sealed would open, and the rebuilt tables would lose every name.
  if (!config.personalDataKey && !existsSync(config.personalDataKeyFile)) {
    logger.error(`No personal-data key: set PERSONAL_DATA_KEY or PERSONAL_DATA_KEY_FILE (${config.personalDataKeyFile} does not exist)`);
    return 2;
  }
  const { databaseUrl, embedded } = await openToolDatabase(config);
  await runMigrations(databaseUrl);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      databaseUrl,
      projectorEnabled: false,
      logLevel: 'warn',
      security: DEFAULT_SECURITY,
      personalDataKey: loadPersonalDataKey({ fromEnvironment: config.personalDataKey, file: config.personalDataKeyFile }),
      eventStore: config.eventStore,
      // Nothing is signed here (the sealer is off): a throwaway key, so the command needs no access to the real one.
      auditTrail: { signingKey: generateKeyPairSync('ed25519').privateKey, sealerEnabled: false },
    }),
    { logger: ['error', 'warn'] },
  );
  const controller = new AbortController();
  const cancel = () => {
    logger.warn('Cancelling: the copies are dropped and the live tables stay as they were');
    controller.abort();
  };
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  let run: RebuildRun | null = null;
  let progress: NodeJS.Timeout | undefined;
  try {
    const projections = app.get<Projection[]>(PROJECTIONS);
    const projection = projections.find((candidate) => candidate.name === args.projection);
    if (!projection) {
      logger.error(`No projection ${args.projection}; there are: ${projections.map((candidate) => candidate.name).join(', ')}`);
      return 2;
    }
    const rebuilder = new ProjectionRebuilder(app.get(EventStore), app.get<DataSource>(getDataSourceToken()), { maxBatchSize: args.batchSize });
    run = await rebuilder.tryStart(projection);
    if (!run) {
      logger.error(`A rebuild of projection ${projection.name} is already running (from the API or another command)`);
      return 1;
    }
    process.stderr.write(`Rebuilding projection ${projection.name} (version ${projectionVersion(projection)}): ${projection.tables.join(', ')}\n`);
    const started = run;
    progress = setInterval(() => {
      const status = started.status();
      process.stderr.write(`  ${status.state}: ${status.eventsRead} events read, at ${status.position} of ${status.targetPosition}\n`);
    }, 2000);
    const status = await run.run(controller.signal);
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    process.stderr.write(`Rebuilt ${projection.name}: ${status.eventsApplied} events applied; the live tables were swapped at checkpoint ${status.checkpoint}.\n`);
    return 0;
  } catch (error) {
    if (run) process.stdout.write(`${JSON.stringify(run.status(), null, 2)}\n`);
    logger.error(`The rebuild did not finish; the live tables are as they were: ${(error as Error).message}`);
    return 1;
  } finally {
    clearInterval(progress);
    await app.close();
    await embedded?.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    new Logger('rebuild-projection').error((error as Error).message);
    process.exit(1);
  });
