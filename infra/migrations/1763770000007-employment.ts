import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The re-employment read model. Of a seeker's personal data it keeps only what lists and searches need (name,
 * masked phone and ID number, skills); all of it is set to NULL when the person is erased, while statuses,
 * trainings, referrals and rehirings stay, so every figure is unchanged.
 */
export class Employment1763770000007 implements MigrationInterface {
  name = 'Employment1763770000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model.employment_seekers (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        kind text NOT NULL,
        gender text NOT NULL,
        status text NOT NULL,
        cycle integer NOT NULL,
        registered_on date NOT NULL,
        first_registered_on date NOT NULL,
        name text,
        phone_masked text,
        resident_id_masked text,
        skills text[],
        personal_data_erased boolean NOT NULL DEFAULT false,
        open_trainings integer NOT NULL DEFAULT 0,
        open_referrals integer NOT NULL DEFAULT 0,
        rehired_on date,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX employment_seekers_unit ON read_model.employment_seekers (unit_id, status, registered_on)`);
    await queryRunner.query(`CREATE INDEX employment_seekers_person ON read_model.employment_seekers (person_id)`);
    await queryRunner.query(`
      CREATE TABLE read_model.employment_registrations (
        seeker_id uuid NOT NULL,
        cycle integer NOT NULL,
        unit_id uuid NOT NULL,
        kind text NOT NULL,
        gender text NOT NULL,
        registered_on date NOT NULL,
        lost_job_on date,
        job_loss_reason text,
        PRIMARY KEY (seeker_id, cycle)
      )`);
    await queryRunner.query(`CREATE INDEX employment_registrations_unit ON read_model.employment_registrations (unit_id, registered_on)`);
    await queryRunner.query(`
      CREATE TABLE read_model.employment_trainings (
        id uuid PRIMARY KEY,
        seeker_id uuid NOT NULL,
        cycle integer NOT NULL,
        unit_id uuid NOT NULL,
        course_type text NOT NULL,
        course_name text NOT NULL,
        provider text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        status text NOT NULL,
        completed_on date,
        certified boolean,
        dropped_on date,
        drop_out_reason text
      )`);
    await queryRunner.query(`CREATE INDEX employment_trainings_seeker ON read_model.employment_trainings (seeker_id)`);
    await queryRunner.query(`CREATE INDEX employment_trainings_unit ON read_model.employment_trainings (unit_id, completed_on)`);
    await queryRunner.query(`
      CREATE TABLE read_model.employment_referrals (
        id uuid PRIMARY KEY,
        seeker_id uuid NOT NULL,
        cycle integer NOT NULL,
        unit_id uuid NOT NULL,
        employer text NOT NULL,
        position text NOT NULL,
        fair_id uuid,
        position_id uuid,
        referred_on date NOT NULL,
        status text NOT NULL,
        closed_on date
      )`);
    await queryRunner.query(`CREATE INDEX employment_referrals_seeker ON read_model.employment_referrals (seeker_id)`);
    await queryRunner.query(`CREATE INDEX employment_referrals_unit ON read_model.employment_referrals (unit_id, referred_on)`);
    await queryRunner.query(`
      CREATE TABLE read_model.employment_rehirings (
        seeker_id uuid NOT NULL,
        cycle integer NOT NULL,
        unit_id uuid NOT NULL,
        kind text NOT NULL,
        gender text NOT NULL,
        employer text NOT NULL,
        position text NOT NULL,
        started_on date NOT NULL,
        channel text NOT NULL,
        referral_id uuid,
        fair_id uuid,
        PRIMARY KEY (seeker_id, cycle)
      )`);
    await queryRunner.query(`CREATE INDEX employment_rehirings_unit ON read_model.employment_rehirings (unit_id, started_on)`);
    await queryRunner.query(`
      CREATE TABLE read_model.employment_job_fairs (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        held_on date NOT NULL,
        place text NOT NULL,
        unit_id uuid NOT NULL,
        organiser text NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX employment_job_fairs_unit ON read_model.employment_job_fairs (unit_id, held_on)`);
    await queryRunner.query(`
      CREATE TABLE read_model.employment_fair_positions (
        id uuid PRIMARY KEY,
        fair_id uuid NOT NULL REFERENCES read_model.employment_job_fairs (id),
        employer text NOT NULL,
        position text NOT NULL,
        count integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX employment_fair_positions_fair ON read_model.employment_fair_positions (fair_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['employment_fair_positions', 'employment_job_fairs', 'employment_rehirings', 'employment_referrals', 'employment_trainings', 'employment_registrations', 'employment_seekers']) {
      await queryRunner.query(`DROP TABLE read_model.${table}`);
    }
  }
}
