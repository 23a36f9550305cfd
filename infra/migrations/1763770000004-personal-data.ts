import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys of workers' personal data, outside the event log. Erasing a person nulls their wrapped key and drops the
 * hash of their resident ID number; the row stays, so the erasure itself stays on record.
 */
export class PersonalData1763770000004 implements MigrationInterface {
  name = 'PersonalData1763770000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA personal_data`);
    await queryRunner.query(`
      CREATE TABLE personal_data.person_keys (
        person_id uuid PRIMARY KEY,
        wrapped_key bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CONSTRAINT erased_means_no_key CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE personal_data.resident_ids (
        id_hash bytea PRIMARY KEY,
        person_id uuid NOT NULL UNIQUE REFERENCES personal_data.person_keys (person_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE personal_data.master_key_check (
        id integer PRIMARY KEY CHECK (id = 1),
        check_value bytea NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA personal_data CASCADE`);
  }
}
