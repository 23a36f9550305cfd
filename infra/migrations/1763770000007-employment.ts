import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Employment1763770000007 implements MigrationInterface {
  name = 'Employment1763770000007';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
