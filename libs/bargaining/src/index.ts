export { BargainingModule } from './bargaining.module.js';
export { BargainingProjection } from './read-model/bargaining.projection.js';
export { BARGAINING_ENTITIES } from './read-model/bargaining.entities.js';
export * from './bargaining.vocabulary.js';
export * from './bargaining.streams.js';
export type * from './wage-talks.decider.js';
export type * from './talks-opening.decider.js';
