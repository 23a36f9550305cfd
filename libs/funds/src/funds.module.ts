import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotentRequests } from '#http';
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
import { DecideProposalController } from './decide-proposal/decide-proposal.controller.js';
import { ApproveAidHandler, RejectAidHandler } from './decide-proposal/decide-proposal.handlers.js';
import { DisburseAidController } from './disburse-aid/disburse-aid.controller.js';
import { DisburseAidHandler } from './disburse-aid/disburse-aid.handler.js';
import { AidPoliciesController, AidProgrammesController } from './establish-programme/establish-programme.controller.js';
import { CloseProgrammeHandler, EstablishProgrammeHandler, SetApprovalThresholdHandler } from './establish-programme/establish-programme.handlers.js';
import { OpenFundHandler } from './open-fund/open-fund.handler.js';
import { ProposeAidController } from './propose-aid/propose-aid.controller.js';
import { ProposeAidHandler } from './propose-aid/propose-aid.handler.js';
import { FundBooksController } from './receive-money/receive-money.controller.js';
import { AllocateFundsHandler, ReceiveContributionsHandler, ReceiveDonationHandler } from './receive-money/receive-money.handlers.js';
import { ReverseAidHandler } from './reverse-aid/reverse-aid.handler.js';
import { CorrectAidController } from './revoke-aid/revoke-aid.controller.js';
import { RevokeAidHandler } from './revoke-aid/revoke-aid.handler.js';
import { TransferFundsHandler } from './transfer-funds/transfer-funds.handler.js';
import { AidGrantWriter } from './writing/aid-grant-writer.js';
import { FundWriter } from './writing/fund-writer.js';
import { FundsWriter } from './writing/funds-writer.js';

/**
 * Funds and aid (经费与帮扶资金): fund accounts by source, aid programmes with their rules, grants from proposal
 * through approval, disbursement, revocation and reversal, and the auditors' ledgers. Needs EventStore, Clock and
 * IdGenerator from the app, the unit directory and the personal-data vault.
 */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(FUNDS_ENTITIES)],
  controllers: [
    // The audit routes come first: GET /funds/reconciliation must be matched before GET /funds/:fundId.
    AuditQueriesController,
    FundQueriesController,
    GrantQueriesController,
    ProgrammeQueriesController,
    FundBooksController,
    AidProgrammesController,
    AidPoliciesController,
    ProposeAidController,
    DecideProposalController,
    DisburseAidController,
    CorrectAidController,
  ],
  providers: [
    IdempotentRequests,
    FundsWriter,
    FundWriter,
    AidGrantWriter,
    OpenFundHandler,
    AllocateFundsHandler,
    ReceiveDonationHandler,
    ReceiveContributionsHandler,
    TransferFundsHandler,
    EstablishProgrammeHandler,
    CloseProgrammeHandler,
    SetApprovalThresholdHandler,
    ProposeAidHandler,
    ApproveAidHandler,
    RejectAidHandler,
    DisburseAidHandler,
    RevokeAidHandler,
    ReverseAidHandler,
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
