import { Logger } from '@nestjs/common';
import { runMigrations } from '#platform';

/** Applies pending migrations to DATABASE_URL (the app also does this at start-up). */
const url = process.env.DATABASE_URL;
const logger = new Logger('migrate');
if (!url) {
  logger.error('Set DATABASE_URL to the PostgreSQL database to migrate');
  process.exit(2);
}
runMigrations(url)
  .then((applied) => logger.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date'))
  .catch((error: unknown) => {
    logger.error(`Migration failed: ${(error as Error).message}`);
    process.exit(1);
  });
