import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BargainingFiguresController } from './bargaining-figures/bargaining-figures.controller.js';
import { BargainingFiguresHandler } from './bargaining-figures/bargaining-figures.js';
import { OpenWageTalksController } from './open-wage-talks/open-wage-talks.controller.js';
import { OpenWageTalksHandler } from './open-wage-talks/open-wage-talks.handler.js';
import { TalksOpener } from './open-wage-talks/talks-opener.js';
import { BARGAINING_ENTITIES } from './read-model/bargaining.entities.js';
import { BargainingProjection } from './read-model/bargaining.projection.js';
import { RenewAgreementController } from './renew-agreement/renew-agreement.controller.js';
import { RenewAgreementHandler } from './renew-agreement/renew-agreement.handler.js';
import { TalksQueriesController } from './talks-queries/talks-queries.controller.js';
import { GetWageTalksHandler, ListOverdueHandler, ListWageTalksHandler } from './talks-queries/talks-queries.js';
import { TalksStepsController } from './talks-steps/talks-steps.controller.js';
import { RecordTalksStepHandler } from './talks-steps/talks-steps.handler.js';

/** Collective wage negotiation (工资集体协商). Needs EventStore, Clock, IdGenerator and UnitDirectory from the app. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(BARGAINING_ENTITIES)],
  controllers: [OpenWageTalksController, TalksQueriesController, TalksStepsController, RenewAgreementController, BargainingFiguresController],
  providers: [
    TalksOpener,
    OpenWageTalksHandler,
    RecordTalksStepHandler,
    RenewAgreementHandler,
    ListWageTalksHandler,
    ListOverdueHandler,
    GetWageTalksHandler,
    BargainingFiguresHandler,
    BargainingProjection,
  ],
  exports: [BargainingProjection],
})
export class BargainingModule {}
