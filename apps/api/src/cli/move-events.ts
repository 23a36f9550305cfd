import { Logger } from '@nestjs/common';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  CopyConflictError,
  PostgresCopyProgress,
  PostgresEventStore,
  copyEvents,
  copyTargetName,
  formatPosition,
  verifyCopy,
  type CopyVerification,
} from '#event-store';
import { openToolDatabase, runMigrations } from '#platform';
import { eventStoreFrom, readConfig } from '../config.js';

const USAGE = `Moves the federation's events from the PostgreSQL store into EventStoreDB/KurrentDB, then verifies the copy.

  EVENTSTOREDB_URL=kurrentdb+discover://node1:2113,node2:2113,node3:2113 npm run move-events
  npm run move-events -- --verify-only

Source: DATABASE_URL, or the embedded database in UNIONCASE_DATA_DIR. Target: EVENTSTOREDB_URL.
Stop the API (every writer) first: events appended during the move are not copied, and verification then fails.

Every event is copied in the log's order with its id, type, data, metadata and stream revision. Progress is
kept in tooling.event_moves; run the command again after an interruption and it continues where it stopped.
Events already on the target are recognised by revision and id and never written twice; a different event
where the source's should go stops the move.

Afterwards both logs are counted and hashed (stream, revision, id, type, data, metadata, in log order; system
events on the target left out), both printed; a mismatch exits with 1.

  --batch-size <n>   events read from PostgreSQL per page (default 500)
  --max-events <n>   stop after about this many events (at a transaction boundary), exit 3; run again to go on
  --restart          forget the saved progress first (the copy starts over and skips what the target has)
  --verify-only      copy nothing, only compare the two logs`;

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a whole number of at least 1, got "${raw}"`);
  return value;
}

class UsageError extends Error {}

function printVerification(verification: CopyVerification): void {
  process.stdout.write(
    `source (PostgreSQL):            ${verification.source.count} events, sha256 ${verification.source.sha256}\n` +
      `target (EventStoreDB/KurrentDB): ${verification.target.count} events, sha256 ${verification.target.sha256}\n`,
  );
}

async function main(): Promise<number> {
  const logger = new Logger('move-events');
  const { values } = parseArgs({
    options: {
      'batch-size': { type: 'string' },
      'max-events': { type: 'string' },
      restart: { type: 'boolean' },
      'verify-only': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let batchSize: number | undefined;
  let maxEvents: number | undefined;
  let targetUrl: string;
  try {
    batchSize = positive('batch-size', values['batch-size']);
    maxEvents = positive('max-events', values['max-events']);
    const target = eventStoreFrom({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: process.env.EVENTSTOREDB_URL });
    if (target.kind !== 'eventstoredb') throw new UsageError('EVENTSTOREDB_URL is required');
    targetUrl = target.url;
  } catch (error) {
    logger.error((error as Error).message);
    process.stdout.write(`${USAGE}\n`);
    return 2;
  }

  const config = readConfig({ ...process.env, EVENT_STORE: 'postgres' });
  const { databaseUrl, embedded } = await openToolDatabase(config);
  // Brings tooling.event_moves (and anything else pending) in, as the app would at its next start.
  await runMigrations(databaseUrl);

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const source = new PostgresEventStore({ pool, listenConnection: { connectionString: databaseUrl } });
  // Loaded only here, as in the app: the client and its native add-on are needed only with a target.
  const { EventStoreDbEventStore } = await import('#event-store/eventstoredb');
  const target = new EventStoreDbEventStore({ connectionString: targetUrl });
  const progress = new PostgresCopyProgress(pool, copyTargetName(targetUrl));
  try {
    if (!values['verify-only']) {
      if (values.restart) await progress.reset();
      const resumeFrom = await progress.load();
      process.stdout.write(
        `Moving events to ${progress.target}${resumeFrom ? `, resuming after source position ${formatPosition(resumeFrom)}` : ' from the start'}\n`,
      );
      let lastReport = Date.now();
      const report = await copyEvents({
        source,
        target,
        progress,
        batchSize,
        maxEvents,
        onTransaction: (so) => {
          if (Date.now() - lastReport < 5000) return;
          lastReport = Date.now();
          process.stdout.write(`  ${so.appended + so.alreadyThere} events so far (source position ${formatPosition(so.lastPosition)})\n`);
        },
      });
      process.stdout.write(
        `This run: ${report.appended} events appended (acknowledged by the target), ${report.alreadyThere} found already there; ` +
          `${await progress.eventsDone()} in all runs; last source position ${formatPosition(report.lastPosition)}\n`,
      );
      if (!report.complete) {
        process.stdout.write('Stopped by --max-events before the end of the log: run again to continue. Not verified yet.\n');
        return 3;
      }
    }
    process.stdout.write('Verifying (counting and hashing both logs)...\n');
    const verification = await verifyCopy(source, target, batchSize);
    printVerification(verification);
    if (!verification.matches) {
      logger.error(
        verification.source.count === verification.target.count
          ? 'The logs differ (same number of events, different content or order): do not switch to the target.'
          : `The logs differ: ${verification.source.count} events in the source, ${verification.target.count} in the target. ` +
              'Were events written during the move, or is the target not empty? Do not switch to the target.',
      );
      return 1;
    }
    // For keeping the read models instead of rebuilding them (README): a checkpoint at the source's head maps to this.
    const [sourceHead, targetHead] = await Promise.all([source.headPosition(), target.headPosition()]);
    process.stdout.write(`Head positions: source ${formatPosition(sourceHead)}, target ${formatPosition(targetHead)}\n`);
    process.stdout.write('The target holds the same events as the source. Set EVENT_STORE=eventstoredb to switch.\n');
    return 0;
  } catch (error) {
    if (error instanceof CopyConflictError) {
      logger.error(`The target holds other events: ${error.message}. Nothing more was copied.`);
      return 1;
    }
    throw error;
  } finally {
    await target.close();
    await source.close();
    await pool.end();
    await embedded?.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    new Logger('move-events').error((error as Error).message);
    process.exit(1);
  });
