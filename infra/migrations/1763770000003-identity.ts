import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in state that must not live in the append-only log (password hashes, session tokens), and the read
 * models of federation units, accounts and the access log. Organizing records now say which unit they belong to.
 */
export class Identity1763770000003 implements MigrationInterface {
  name = 'Identity1763770000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS identity`);
    // Only the current hash is kept: replacing a password leaves no old hash behind.
    await queryRunner.query(`
      CREATE TABLE identity.credentials (
        user_id uuid PRIMARY KEY,
        password_hash text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The token itself is never stored, only its SHA-256: a copy of this table signs nobody in.
    await queryRunner.query(`
      CREATE TABLE identity.sessions (
        id uuid PRIMARY KEY,
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL,
        client text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_reason text
      )`);
    await queryRunner.query(`CREATE INDEX sessions_open_by_user ON identity.sessions (user_id) WHERE ended_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE read_model.units (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL,
        parent_id uuid,
        path text NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX units_path ON read_model.units (path text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX units_parent ON read_model.units (parent_id)`);
    await queryRunner.query(`
      CREATE TABLE read_model.accounts (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL,
        unit_id uuid NOT NULL,
        status text NOT NULL,
        locked_until timestamptz,
        created_at timestamptz NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX accounts_unit ON read_model.accounts (unit_id)`);
    await queryRunner.query(`
      CREATE TABLE read_model.access_log (
        position bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        kind text NOT NULL,
        actor_id text NOT NULL,
        user_id uuid,
        unit_id uuid,
        ip text,
        detail jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX access_log_time ON read_model.access_log (occurred_at DESC, position DESC)`);
    await queryRunner.query(`CREATE INDEX access_log_user ON read_model.access_log (user_id, occurred_at DESC)`);

    for (const table of ['enterprises', 'unions']) {
      await queryRunner.query(`ALTER TABLE read_model.${table} ADD COLUMN unit_id uuid`);
      await queryRunner.query(`ALTER TABLE read_model.${table} ALTER COLUMN township DROP NOT NULL`);
      await queryRunner.query(`CREATE INDEX ${table}_unit ON read_model.${table} (unit_id)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['enterprises', 'unions']) {
      await queryRunner.query(`DROP INDEX read_model.${table}_unit`);
      await queryRunner.query(`ALTER TABLE read_model.${table} DROP COLUMN unit_id`);
    }
    await queryRunner.query(`DROP TABLE read_model.access_log`);
    await queryRunner.query(`DROP TABLE read_model.accounts`);
    await queryRunner.query(`DROP TABLE read_model.units`);
    await queryRunner.query(`DROP SCHEMA identity CASCADE`);
  }
}
