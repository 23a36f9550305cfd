import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebuilding a projection without downtime: each checkpoint records the version of the projection's code its
 * tables were built with (1 for every projection so far), and when they were last rebuilt.
 */
export class ProjectionVersions1763770000011 implements MigrationInterface {
  name = 'ProjectionVersions1763770000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE read_model.projection_checkpoints ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE read_model.projection_checkpoints ADD COLUMN rebuilt_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE read_model.projection_checkpoints DROP COLUMN rebuilt_at`);
    await queryRunner.query(`ALTER TABLE read_model.projection_checkpoints DROP COLUMN version`);
  }
}
