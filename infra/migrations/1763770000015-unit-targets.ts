import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets of units per year, as every change was recorded: a row per TargetSet or TargetWithdrawn with the time
 * it was recorded, so the targets in force at any past instant are the latest row per metric up to it.
 */
export class UnitTargets1763770000015 implements MigrationInterface {
  name = 'UnitTargets1763770000015';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model.unit_targets (
        unit_id uuid NOT NULL,
        year integer NOT NULL,
        revision bigint NOT NULL,
        metric text NOT NULL,
        change text NOT NULL CHECK (change IN ('set', 'withdrawn')),
        value numeric(20, 0),
        previous_value numeric(20, 0),
        reason text,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        PRIMARY KEY (unit_id, year, revision)
      )`);
    await queryRunner.query(`CREATE INDEX unit_targets_metric ON read_model.unit_targets (unit_id, year, metric, revision DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE read_model.unit_targets`);
  }
}
