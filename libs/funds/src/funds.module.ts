import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/**
 * Funds and aid (经费与帮扶资金): fund accounts by source, aid programmes with their rules, grants from proposal
 * through approval, disbursement, revocation and reversal, and the auditors' ledgers. Needs EventStore, Clock and
 * IdGenerator from the app, the unit directory and the personal-data vault.
 */
@Module({
  imports: [CqrsModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class FundsModule {}
