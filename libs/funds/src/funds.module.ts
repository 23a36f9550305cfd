import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditQueriesController } from './audit-queries/audit-queries.controller.js';
import { DisbursementsHandler } from './audit-queries/disbursements.js';
import { ReconciliationHandler } from './audit-queries/reconciliation.js';
import { ReplayFundHandler } from './audit-queries/replay.js';
import { FundQueriesController } from './fund-queries/fund-queries.controller.js';
import { FundBalanceHandler, FundLedgerHandler, GetFundHandler, ListFundsHandler } from './fund-queries/fund-queries.js';
import { GrantQueriesController, ProgrammeQueriesController } from './grant-queries/grant-queries.controller.js';
import { GetGrantHandler, ListGrantsHandler } from './grant-queries/grant-queries.js';
import { GetProgrammeHandler, ListProgrammesHandler } from './grant-queries/programme-queries.js';
import { FUNDS_ENTITIES } from './read-model/funds.entities.js';
import { FundsProjection } from './read-model/funds.projection.js';

/**
 * Funds and aid (经费与帮扶资金): fund accounts by source, aid programmes with their rules, grants from proposal
 * through approval, disbursement, revocation and reversal, and the auditors' ledgers. Needs EventStore, Clock and
 * IdGenerator from the app, the unit directory and the personal-data vault.
 */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(FUNDS_ENTITIES)],
  // The audit routes come first: /funds/reconciliation must be matched before /funds/:fundId.
  controllers: [AuditQueriesController, FundQueriesController, GrantQueriesController, ProgrammeQueriesController],
  providers: [
    FundsProjection,
    ListFundsHandler,
    GetFundHandler,
    FundLedgerHandler,
    FundBalanceHandler,
    ListGrantsHandler,
    GetGrantHandler,
    ListProgrammesHandler,
    GetProgrammeHandler,
    DisbursementsHandler,
    ReconciliationHandler,
    ReplayFundHandler,
  ],
  exports: [FundsProjection],
})
export class FundsModule {}
