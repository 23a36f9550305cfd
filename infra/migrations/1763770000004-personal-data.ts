import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonalData1763770000004 implements MigrationInterface {
  name = 'PersonalData1763770000004';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
