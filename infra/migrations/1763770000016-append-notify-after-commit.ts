import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appends no longer notify from inside their own transaction. A transaction that has sent a NOTIFY takes one
 * cluster-wide lock at commit and holds it until its commit is flushed, so every append waited for the one before
 * it and concurrent writers could not share a flush (8 writers: ~450 appends/s with the trigger, ~1,500 without).
 * The event store now announces an append after it has committed (PostgresEventStore.announceAppend).
 */
export class AppendNotifyAfterCommit1763770000016 implements MigrationInterface {
  name = 'AppendNotifyAfterCommit1763770000016';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER events_notify_appended ON event_store.events`);
    await queryRunner.query(`DROP FUNCTION event_store.notify_appended()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION event_store.notify_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('event_store_appended', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER events_notify_appended AFTER INSERT ON event_store.events
      FOR EACH STATEMENT EXECUTE FUNCTION event_store.notify_appended()`);
  }
}
