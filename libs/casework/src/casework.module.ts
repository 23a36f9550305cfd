import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FileQueriesController, HardshipFiguresController } from './file-queries/file-queries.controller.js';
import { GetFileHandler, ListFilesHandler, ReviewsDueHandler, SearchByResidentIdHandler } from './file-queries/file-queries.js';
import { RegisterFiguresHandler } from './file-queries/register-figures.js';
import { HardshipFileWriter } from './hardship-files/hardship-file-writer.js';
import { LeaveRegisterController } from './leave-register/leave-register.controller.js';
import { LeaveRegisterHandler } from './leave-register/leave-register.handler.js';
import { NoteAidRequestController } from './note-aid-request/note-aid-request.controller.js';
import { NoteAidRequestHandler } from './note-aid-request/note-aid-request.handler.js';
import { OpenFileController } from './open-file/open-file.controller.js';
import { OpenFileHandler } from './open-file/open-file.handler.js';
import { CASEWORK_ENTITIES } from './read-model/casework.entities.js';
import { CaseworkProjection } from './read-model/casework.projection.js';
import { RecordVisitController } from './record-visit/record-visit.controller.js';
import { RecordVisitHandler } from './record-visit/record-visit.handler.js';
import { ReenterRegisterController } from './reenter-register/reenter-register.controller.js';
import { ReenterRegisterHandler } from './reenter-register/reenter-register.handler.js';
import { ReviewFileController } from './review-file/review-file.controller.js';
import { ReviewFileHandler } from './review-file/review-file.handler.js';
import { FileTimelineController, FileTimelineHandler } from './timeline/file-timeline.js';

/**
 * Hardship casework (困难职工帮扶, 建档立卡): hardship files, their reviews, visits, aid requests, leaving and
 * re-entering the register. Needs EventStore, Clock and IdGenerator from the app, and the personal-data vault.
 */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(CASEWORK_ENTITIES)],
  controllers: [
    OpenFileController,
    FileQueriesController,
    HardshipFiguresController,
    ReviewFileController,
    RecordVisitController,
    NoteAidRequestController,
    LeaveRegisterController,
    ReenterRegisterController,
    FileTimelineController,
  ],
  providers: [
    HardshipFileWriter,
    OpenFileHandler,
    ReviewFileHandler,
    RecordVisitHandler,
    NoteAidRequestHandler,
    LeaveRegisterHandler,
    ReenterRegisterHandler,
    ListFilesHandler,
    SearchByResidentIdHandler,
    GetFileHandler,
    ReviewsDueHandler,
    RegisterFiguresHandler,
    FileTimelineHandler,
    CaseworkProjection,
  ],
  exports: [CaseworkProjection],
})
export class CaseworkModule {}
