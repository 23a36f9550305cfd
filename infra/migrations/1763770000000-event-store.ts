import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The event log: append-only, one row per event, unique (stream, revision), ordered by (transaction, position). */
export class EventStore1763770000000 implements MigrationInterface {
  name = 'EventStore1763770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS event_store`);
    await queryRunner.query(`
      CREATE TABLE event_store.events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_name text NOT NULL,
        revision bigint NOT NULL CHECK (revision >= 0),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_name, revision),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      )`);
    await queryRunner.query(`CREATE INDEX events_log_order ON event_store.events (transaction_id, global_position)`);

    // Nothing in the log is ever changed or removed: corrections are new events.
    await queryRunner.query(`
      CREATE FUNCTION event_store.refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'event_store.events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON event_store.events
      FOR EACH ROW EXECUTE FUNCTION event_store.refuse_rewrite()`);
    await queryRunner.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON event_store.events
      FOR EACH STATEMENT EXECUTE FUNCTION event_store.refuse_rewrite()`);

    // Wakes live subscriptions at commit; one notification per appending statement.
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

  async down(): Promise<void> {
    throw new Error('The event log is never dropped by a migration');
  }
}
