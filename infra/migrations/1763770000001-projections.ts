import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each projection has got to in the log, written in the same transaction as its rows. */
export class Projections1763770000001 implements MigrationInterface {
  name = 'Projections1763770000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS read_model`);
    await queryRunner.query(`
      CREATE TABLE read_model.projection_checkpoints (
        projection text PRIMARY KEY,
        commit_position bigint NOT NULL,
        prepare_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE read_model.projection_checkpoints`);
  }
}
