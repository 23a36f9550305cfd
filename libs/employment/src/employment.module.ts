import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmploymentFiguresController } from './employment-figures/employment-figures.controller.js';
import { EmploymentFiguresHandler } from './employment-figures/employment-figures.js';
import { FairLookup } from './fair-lookup.js';
import { JobFairQueriesController } from './job-fair-queries/job-fair-queries.controller.js';
import { GetJobFairHandler, ListJobFairsHandler } from './job-fair-queries/job-fair-queries.js';
import { JobSeekerHistoryHandler } from './job-seeker-queries/job-seeker-history.js';
import { JobSeekerQueriesController } from './job-seeker-queries/job-seeker-queries.controller.js';
import { GetJobSeekerHandler, ListJobSeekersHandler } from './job-seeker-queries/job-seeker-queries.js';
import { OrganiseJobFairController } from './organise-job-fair/organise-job-fair.controller.js';
import { OfferPositionHandler, OrganiseJobFairHandler } from './organise-job-fair/organise-job-fair.handler.js';
import { EMPLOYMENT_ENTITIES } from './read-model/employment.entities.js';
import { EmploymentProjection } from './read-model/employment.projection.js';
import { RecordJobLossController } from './record-job-loss/record-job-loss.controller.js';
import { RecordJobLossHandler } from './record-job-loss/record-job-loss.handler.js';
import { RecordRehiringController } from './record-rehiring/record-rehiring.controller.js';
import { RecordRehiringHandler } from './record-rehiring/record-rehiring.handler.js';
import { RecordTrainingController } from './record-training/record-training.controller.js';
import { EnrolInTrainingHandler, FinishTrainingHandler } from './record-training/record-training.handler.js';
import { ReferSeekerController } from './refer-seeker/refer-seeker.controller.js';
import { RecordReferralOutcomeHandler, ReferSeekerHandler } from './refer-seeker/refer-seeker.handler.js';
import { RegisterJobSeekerController } from './register-job-seeker/register-job-seeker.controller.js';
import { RegisterJobSeekerHandler } from './register-job-seeker/register-job-seeker.handler.js';
import { SeekerCommands } from './seeker-command.js';

/**
 * Re-employment (就业援助): job seekers, training, job fairs, referrals and WorkerRehired. Needs EventStore, Clock
 * and IdGenerator from the app, UnitDirectory and AccessAudit from identity, and the global PersonalDataVault.
 */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(EMPLOYMENT_ENTITIES)],
  controllers: [
    RegisterJobSeekerController,
    RecordTrainingController,
    ReferSeekerController,
    RecordRehiringController,
    RecordJobLossController,
    OrganiseJobFairController,
    JobSeekerQueriesController,
    JobFairQueriesController,
    EmploymentFiguresController,
  ],
  providers: [
    SeekerCommands,
    FairLookup,
    RegisterJobSeekerHandler,
    EnrolInTrainingHandler,
    FinishTrainingHandler,
    ReferSeekerHandler,
    RecordReferralOutcomeHandler,
    RecordRehiringHandler,
    RecordJobLossHandler,
    OrganiseJobFairHandler,
    OfferPositionHandler,
    ListJobSeekersHandler,
    GetJobSeekerHandler,
    JobSeekerHistoryHandler,
    ListJobFairsHandler,
    GetJobFairHandler,
    EmploymentFiguresHandler,
    EmploymentProjection,
  ],
  exports: [EmploymentProjection],
})
export class EmploymentModule {}
