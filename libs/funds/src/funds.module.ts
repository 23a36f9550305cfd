import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdempotentRequests } from '#http';
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
  imports: [CqrsModule],
  controllers: [
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
  ],
  exports: [],
})
export class FundsModule {}
