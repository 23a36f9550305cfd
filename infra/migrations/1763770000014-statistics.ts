import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics read model: one row per countable fact, from every context's events, for the dashboard, the
 * annual report and their drill-downs. A correction (a reversed disbursement, an agreement the bureau objected to)
 * is a new row with a negative quantity and its own `recorded_at`, so a figure as of any past instant is the sum
 * of the rows recorded by then. `statistic_subjects` is the projection's own memory of what later events need and
 * do not carry (an enterprise's unit, a grant's programme and household, a fair's date): it reads no other
 * projection's tables, so it can be rebuilt on its own. Rows hold ids and pseudonymous keys, never names.
 */
export class Statistics1763770000014 implements MigrationInterface {
  name = 'Statistics1763770000014';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model.statistic_facts (
        event_id text NOT NULL,
        seq int NOT NULL,
        position bigint NOT NULL,
        metric text NOT NULL,
        unit_id uuid NOT NULL,
        occurred_on date NOT NULL,
        -- Facts that hold for a span (an agreement in force): the last day; NULL for facts of one day.
        valid_until date,
        recorded_at timestamptz NOT NULL,
        quantity bigint NOT NULL,
        subject_kind text NOT NULL,
        subject_id text NOT NULL,
        -- What a distinct count counts: a household (aid), a person (training); NULL where the subject is counted.
        distinct_key text,
        dimensions jsonb NOT NULL DEFAULT '{}',
        event_type text NOT NULL,
        PRIMARY KEY (event_id, seq)
      )`);
    await queryRunner.query(`CREATE INDEX statistic_facts_metric ON read_model.statistic_facts (metric, occurred_on)`);
    await queryRunner.query(`CREATE INDEX statistic_facts_unit ON read_model.statistic_facts (unit_id, metric)`);
    await queryRunner.query(`CREATE INDEX statistic_facts_position ON read_model.statistic_facts (position)`);
    await queryRunner.query(`
      CREATE TABLE read_model.statistic_subjects (
        kind text NOT NULL,
        id text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (kind, id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE read_model.statistic_subjects`);
    await queryRunner.query(`DROP TABLE read_model.statistic_facts`);
  }
}
