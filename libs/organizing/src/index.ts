export { OrganizingModule } from './organizing.module.js';
export { OrganizingProjection } from './read-model/organizing.projection.js';
export { ORGANIZING_ENTITIES } from './read-model/organizing.entities.js';
export * from './organizing.vocabulary.js';
export * from './organizing.streams.js';
export type * from './enterprise.decider.js';
export type * from './union.decider.js';
