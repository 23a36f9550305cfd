import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Bargaining1763770000005 implements MigrationInterface {
  name = 'Bargaining1763770000005';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
