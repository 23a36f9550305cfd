import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnterpriseQueriesController } from './enterprise-queries/enterprise-queries.controller.js';
import { GetEnterpriseHandler, ListEnterprisesHandler } from './enterprise-queries/enterprise-queries.js';
import { FoundUnionController } from './found-union/found-union.controller.js';
import { FoundUnionHandler } from './found-union/found-union.handler.js';
import { OrganizingFiguresController } from './organizing-figures/organizing-figures.controller.js';
import { OrganizingFiguresHandler } from './organizing-figures/organizing-figures.js';
import { ORGANIZING_ENTITIES } from './read-model/organizing.entities.js';
import { OrganizingProjection } from './read-model/organizing.projection.js';
import { RecordHistoryController, RecordHistoryHandler } from './record-history/record-history.js';
import { RecordSurveyController } from './record-survey/record-survey.controller.js';
import { RecordSurveyHandler } from './record-survey/record-survey.handler.js';
import { RegisterEnterpriseController } from './register-enterprise/register-enterprise.controller.js';
import { RegisterEnterpriseHandler } from './register-enterprise/register-enterprise.handler.js';
import { UnionQueriesController } from './union-queries/union-queries.controller.js';
import { GetUnionHandler, ListUnionsHandler } from './union-queries/union-queries.js';

/** Organizing (组织建设): the enterprise registry, surveys, and union founding. Needs EventStore, Clock and IdGenerator from the app. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(ORGANIZING_ENTITIES)],
  controllers: [
    RegisterEnterpriseController,
    RecordSurveyController,
    FoundUnionController,
    EnterpriseQueriesController,
    UnionQueriesController,
    OrganizingFiguresController,
    RecordHistoryController,
  ],
  providers: [
    RegisterEnterpriseHandler,
    RecordSurveyHandler,
    FoundUnionHandler,
    ListEnterprisesHandler,
    GetEnterpriseHandler,
    ListUnionsHandler,
    GetUnionHandler,
    OrganizingFiguresHandler,
    RecordHistoryHandler,
    OrganizingProjection,
  ],
  exports: [OrganizingProjection],
})
export class OrganizingModule {}
