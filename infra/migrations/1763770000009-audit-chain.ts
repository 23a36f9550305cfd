import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper evidence (`libs/audit-trail`): every event of the log chained to the one before it by SHA-256, in log
 * order, and signed checkpoints of the chain's head. Kept apart from the log and the read models: nothing here is
 * ever rebuilt from the log, since the point is to remember what the log said.
 */
export class AuditChain1763770000009 implements MigrationInterface {
  name = 'AuditChain1763770000009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS audit`);
    await queryRunner.query(`
      CREATE TABLE audit.event_chain (
        sequence bigint PRIMARY KEY CHECK (sequence > 0),
        event_id uuid NOT NULL,
        stream_name text NOT NULL,
        revision bigint NOT NULL,
        position text NOT NULL,
        content_hash bytea NOT NULL CHECK (length(content_hash) = 32),
        chain_hash bytea NOT NULL CHECK (length(chain_hash) = 32),
        sealed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Not unique: EventStoreDB lets two streams hold one event id, and a sealer refusing such a log would stop for good.
    await queryRunner.query(`CREATE INDEX event_chain_event_id ON audit.event_chain (event_id)`);
    await queryRunner.query(`
      CREATE TABLE audit.checkpoints (
        sequence bigint PRIMARY KEY CHECK (sequence > 0),
        position text NOT NULL,
        event_id uuid NOT NULL,
        chain_hash bytea NOT NULL CHECK (length(chain_hash) = 32),
        created_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature bytea NOT NULL
      )`);
    // Like the log: what was chained or signed is never changed or removed by the app. (Someone who can bypass these
    // triggers can bypass the log's as well; verify and the signatures are what catch them.)
    await queryRunner.query(`
      CREATE FUNCTION audit.refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit.% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['event_chain', 'checkpoints']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON audit.${table}
        FOR EACH ROW EXECUTE FUNCTION audit.refuse_rewrite()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON audit.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_rewrite()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA audit CASCADE`);
  }
}
