import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TARGET_SOURCE } from '#statistics';
import { UnitTargetsProjection } from './read-model/unit-targets.projection.js';
import { SetTargetsController } from './set-targets/set-targets.controller.js';
import { ChangeTargetsHandler } from './set-targets/set-targets.handler.js';
import { TargetQueriesController } from './target-queries/target-queries.controller.js';
import { TargetQueries } from './target-queries/target-queries.js';

/**
 * Targets (目标任务) per unit and year, set by admins as events. Global, so that statistics reads them through
 * TARGET_SOURCE without importing this context (which itself reads the metric catalogue from statistics).
 * Needs EventStore, Clock and IdGenerator from the app and UnitDirectory from identity.
 */
@Global()
@Module({
  imports: [CqrsModule],
  controllers: [SetTargetsController, TargetQueriesController],
  providers: [ChangeTargetsHandler, TargetQueries, UnitTargetsProjection, { provide: TARGET_SOURCE, useExisting: TargetQueries }],
  exports: [UnitTargetsProjection, TARGET_SOURCE],
})
export class TargetsModule {}
