import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CASEWORK_ENTITIES } from './read-model/casework.entities.js';
import { CaseworkProjection } from './read-model/casework.projection.js';

@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(CASEWORK_ENTITIES)],
  controllers: [],
  providers: [CaseworkProjection],
  exports: [CaseworkProjection],
})
export class CaseworkModule {}
