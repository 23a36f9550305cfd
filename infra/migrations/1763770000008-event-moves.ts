import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tooling state, kept apart from the log and the read models: how far `npm run move-events` has copied the log
 * into each EventStoreDB/KurrentDB target (by the target's address, credentials removed). Losing a row costs
 * only time: the mover appends with exact expected revisions, so re-copying an event already there is detected
 * and skipped, never written twice.
 */
export class EventMoves1763770000008 implements MigrationInterface {
  name = 'EventMoves1763770000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS tooling`);
    await queryRunner.query(`
      CREATE TABLE tooling.event_moves (
        target text PRIMARY KEY,
        commit_position bigint NOT NULL,
        prepare_position bigint NOT NULL,
        events_done bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tooling.event_moves`);
  }
}
