import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BARGAINING_ENTITIES } from './read-model/bargaining.entities.js';
import { BargainingProjection } from './read-model/bargaining.projection.js';

@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(BARGAINING_ENTITIES)],
  controllers: [],
  providers: [BargainingProjection],
  exports: [BargainingProjection],
})
export class BargainingModule {}
