import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EMPLOYMENT_ENTITIES } from './read-model/employment.entities.js';
import { EmploymentProjection } from './read-model/employment.projection.js';

@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(EMPLOYMENT_ENTITIES)],
  controllers: [],
  providers: [EmploymentProjection],
  exports: [EmploymentProjection],
})
export class EmploymentModule {}
