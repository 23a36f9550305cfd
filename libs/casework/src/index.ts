export { CaseworkModule } from './casework.module.js';
export { CaseworkProjection } from './read-model/casework.projection.js';
export { CASEWORK_ENTITIES } from './read-model/casework.entities.js';
export * from './casework.vocabulary.js';
export * from './casework.streams.js';
export type * from './hardship-file.decider.js';
export { hardshipFileEvolution } from './hardship-file.decider.js';
