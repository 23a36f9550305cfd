import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizingReadModel1763770000002 implements MigrationInterface {
  name = 'OrganizingReadModel1763770000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model.enterprises (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        credit_code char(18) NOT NULL UNIQUE,
        ownership text NOT NULL,
        industry text NOT NULL,
        township text NOT NULL,
        employee_count integer NOT NULL,
        women_employee_count integer NOT NULL,
        registered_on date NOT NULL,
        union_id uuid,
        unionized_on date,
        survey_reason text,
        survey_target_date date,
        surveyed_on date,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX enterprises_township ON read_model.enterprises (township, name)`);
    await queryRunner.query(`
      CREATE TABLE read_model.unions (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        township text NOT NULL,
        founded_on date NOT NULL,
        chair_name text NOT NULL,
        initial_member_count integer NOT NULL,
        women_committee_founded boolean NOT NULL,
        audit_committee_founded boolean NOT NULL,
        covered_enterprise_count integer NOT NULL,
        status text NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX unions_township_founded ON read_model.unions (township, founded_on)`);
    await queryRunner.query(`
      CREATE TABLE read_model.union_enterprises (
        union_id uuid NOT NULL REFERENCES read_model.unions (id),
        enterprise_id uuid NOT NULL,
        PRIMARY KEY (union_id, enterprise_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE read_model.union_enterprises`);
    await queryRunner.query(`DROP TABLE read_model.unions`);
    await queryRunner.query(`DROP TABLE read_model.enterprises`);
  }
}
