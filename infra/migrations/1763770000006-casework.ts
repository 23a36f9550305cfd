import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hardship register as lists, searches, figures and review schedules read it. It keeps only what those need of
 * a worker (the name for search, a masked ID number and phone); the rest stays sealed in the event log, and an
 * erased person's columns are emptied while the file and its figures stay.
 */
export class Casework1763770000006 implements MigrationInterface {
  name = 'Casework1763770000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model.hardship_files (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        person_id uuid NOT NULL,
        name text,
        resident_id_masked text,
        phone_masked text,
        personal_data_erased boolean NOT NULL DEFAULT false,
        gender text NOT NULL,
        enterprise_id uuid,
        employer_name text,
        household_size integer NOT NULL,
        per_capita_monthly_income_fen bigint NOT NULL,
        minimum_living_standard_fen bigint NOT NULL,
        categories text[] NOT NULL,
        tier text NOT NULL,
        status text NOT NULL,
        surveyed_on date NOT NULL,
        opened_on date NOT NULL,
        on_register_since date NOT NULL,
        last_reviewed_on date,
        next_review_due date,
        leaving_reason text,
        left_on date,
        visit_count integer NOT NULL DEFAULT 0,
        last_visited_on date,
        aid_request_count integer NOT NULL DEFAULT 0,
        aid_requested_fen bigint NOT NULL DEFAULT 0,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT erased_means_no_personal_columns
          CHECK (NOT personal_data_erased OR (name IS NULL AND resident_id_masked IS NULL AND phone_masked IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX hardship_files_unit_status ON read_model.hardship_files (unit_id, status)`);
    await queryRunner.query(`CREATE INDEX hardship_files_person ON read_model.hardship_files (person_id)`);
    await queryRunner.query(`CREATE INDEX hardship_files_review_due ON read_model.hardship_files (next_review_due) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX hardship_files_categories ON read_model.hardship_files USING gin (categories)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE read_model.hardship_files`);
  }
}
