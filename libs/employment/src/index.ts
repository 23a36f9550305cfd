export { EmploymentModule } from './employment.module.js';
export { EmploymentProjection } from './read-model/employment.projection.js';
export { EMPLOYMENT_ENTITIES } from './read-model/employment.entities.js';
export * from './employment.vocabulary.js';
export * from './employment.streams.js';
export type * from './job-seeker.decider.js';
export type * from './job-fair.decider.js';
