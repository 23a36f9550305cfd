import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Bargaining1763770000005 implements MigrationInterface {
  name = 'Bargaining1763770000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model.wage_talks (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        scope text NOT NULL,
        initiating_union_id uuid NOT NULL,
        topics text[] NOT NULL,
        offer_date date NOT NULL,
        stage text NOT NULL,
        covered_enterprise_count integer NOT NULL,
        renews_talks_id uuid,
        renewed_by_talks_id uuid,
        employer_decision text,
        responded_on date,
        rectification_issued_on date,
        rectification_respond_by date,
        rounds_held integer NOT NULL DEFAULT 0,
        signed_on date,
        term_years integer,
        wage_growth_basis_points integer,
        minimum_monthly_wage_fen bigint,
        other_terms text,
        adopted_on date,
        filed_on date,
        bureau text,
        approved_on date,
        withdrawn_on date,
        revision bigint NOT NULL,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX wage_talks_unit ON read_model.wage_talks (unit_id, offer_date)`);
    await queryRunner.query(`
      CREATE TABLE read_model.wage_talks_enterprises (
        talks_id uuid NOT NULL REFERENCES read_model.wage_talks (id),
        enterprise_id uuid NOT NULL,
        PRIMARY KEY (talks_id, enterprise_id)
      )`);
    await queryRunner.query(`CREATE INDEX wage_talks_enterprises_enterprise ON read_model.wage_talks_enterprises (enterprise_id)`);
    await queryRunner.query(`
      CREATE TABLE read_model.wage_talks_steps (
        talks_id uuid NOT NULL REFERENCES read_model.wage_talks (id),
        revision bigint NOT NULL,
        type text NOT NULL,
        occurred_on date NOT NULL,
        data jsonb NOT NULL,
        actor text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (talks_id, revision)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE read_model.wage_talks_steps`);
    await queryRunner.query(`DROP TABLE read_model.wage_talks_enterprises`);
    await queryRunner.query(`DROP TABLE read_model.wage_talks`);
  }
}
