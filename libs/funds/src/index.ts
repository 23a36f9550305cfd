export { FundsModule } from './funds.module.js';
export { FundsProjection } from './read-model/funds.projection.js';
export { FUNDS_ENTITIES } from './read-model/funds.entities.js';
export { ledgerEntriesOf, nextLedgerEntry, balanceAsOf, type FundLedgerEntry, type LedgerKind } from './read-model/fund-ledger.js';
export * from './funds.vocabulary.js';
export * from './funds.streams.js';
export type * from './fund.decider.js';
export type * from './aid-programme.decider.js';
export type * from './aid-grant.decider.js';
