export { FundsModule } from './funds.module.js';
export * from './funds.vocabulary.js';
export * from './funds.streams.js';
export type * from './fund.decider.js';
export type * from './aid-programme.decider.js';
export type * from './aid-grant.decider.js';
