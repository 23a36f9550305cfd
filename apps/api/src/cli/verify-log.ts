import { Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { KeptCheckpointDto, verifyLog, type Checkpoint, type VerifyReport } from '#audit-trail';
import { PostgresEventStore, type EventStore } from '#event-store';
import { flattenValidationErrors } from '#http';
import { openToolDatabase, runMigrations } from '#platform';
import { readConfig } from '../config.js';
import { loadAuditSigningKey } from '../infrastructure/audit-signing-key.js';

const USAGE = `Verifies the event log against its hash chain and signed checkpoints, and prints the report (JSON).

  npm run verify-log
  npm run verify-log -- --checkpoint kept-checkpoint.json --public-key audit-public-key.pem

Reads the whole log in order (PostgreSQL, or EventStoreDB with EVENT_STORE=eventstoredb), recomputes every
event's hash and the chain, and checks every checkpoint's signature; names the first event that was altered,
removed, reordered or inserted. Uses DATABASE_URL, or the embedded database in UNIONCASE_DATA_DIR (attached to
if the API is running, else started). Changes nothing, and chains nothing: the running API's sealer does that.

  --checkpoint <file>   a checkpoint kept from GET /api/audit/checkpoints (one item, as JSON): the log must still lead to it
  --public-key <file>   the public key (PEM, from GET /api/audit/public-key) to check signatures with; by default the
                        installation's own, from AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE

Exit codes: 0 the log holds up; 1 it does not (the report names the first problem); 2 bad arguments.`;

class UsageError extends Error {}

async function readCheckpoint(file: string): Promise<Checkpoint> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--checkpoint ${file}: not a JSON file (${(error as Error).message})`);
  }
  const candidate = plainToInstance(KeptCheckpointDto, parsed);
  const problems = flattenValidationErrors(await validate(candidate, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length) throw new UsageError(`--checkpoint ${file}: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`);
  return { ...candidate };
}

function readPublicKey(file: string): KeyObject {
  try {
    const key = createPublicKey(readFileSync(file, 'utf8'));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an ${key.asymmetricKeyType} key`);
    return key;
  } catch (error) {
    throw new UsageError(`--public-key ${file}: not an Ed25519 public key in PEM (${(error as Error).message})`);
  }
}

function summary(report: VerifyReport): string {
  if (report.ok) {
    const checkpoint = report.latestCheckpoint
      ? `up to checkpoint ${report.latestCheckpoint.sequence} of ${report.latestCheckpoint.createdAt}`
      : 'no checkpoint yet';
    const kept = report.keptCheckpoint ? `; the kept checkpoint ${report.keptCheckpoint.sequence} holds` : '';
    return `The log holds up: ${report.verifiedEvents} events match the chain, ${checkpoint}${kept}; ${report.unsealedEvents} newer events not chained yet.`;
  }
  return `The log does NOT hold up (${report.firstProblem!.kind}): ${report.firstProblem!.message}`;
}

async function main(): Promise<number> {
  const logger = new Logger('verify-log');
  let values: { checkpoint?: string; 'public-key'?: string; help?: boolean };
  let keptCheckpoint: Checkpoint | undefined;
  let publicKey: KeyObject | undefined;
  try {
    ({ values } = parseArgs({ options: { checkpoint: { type: 'string' }, 'public-key': { type: 'string' }, help: { type: 'boolean' } } }));
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.checkpoint) keptCheckpoint = await readCheckpoint(values.checkpoint);
    if (values['public-key']) publicKey = readPublicKey(values['public-key']);
  } catch (error) {
    logger.error((error as Error).message);
    process.stdout.write(`${USAGE}\n`);
    return 2;
  }

  const config = readConfig();
  try {
    publicKey ??= createPublicKey(
      loadAuditSigningKey({ fromEnvironment: config.auditTrail.signingKey, file: config.auditTrail.signingKeyFile, create: false }),
    );
  } catch (error) {
    logger.error(`${(error as Error).message}; or give the public key with --public-key`);
    return 2;
  }
  const { databaseUrl, embedded } = await openToolDatabase(config);
  // Brings the audit schema in on a database the API has not started on since this version.
  await runMigrations(databaseUrl);
  // Only the store and the database: verifying needs neither the app nor the personal-data key.
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, synchronize: false, logging: false });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  let store: EventStore & { close(): Promise<void> };
  if (config.eventStore.kind === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('#event-store/eventstoredb');
    store = new EventStoreDbEventStore({ connectionString: config.eventStore.url });
  } else {
    store = new PostgresEventStore({ pool, listenConnection: { connectionString: databaseUrl } });
  }
  try {
    await dataSource.initialize();
    const report = await verifyLog({ store, dataSource, publicKey, keptCheckpoint, now: new Date() });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n${summary(report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await store.close();
    await pool.end();
    await embedded?.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    new Logger('verify-log').error((error as Error).message);
    process.exit(1);
  });
