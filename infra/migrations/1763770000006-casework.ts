import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Casework1763770000006 implements MigrationInterface {
  name = 'Casework1763770000006';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
