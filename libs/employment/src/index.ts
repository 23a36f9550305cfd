export { EmploymentModule } from './employment.module.js';
export { EmploymentProjection } from './read-model/employment.projection.js';
export { EMPLOYMENT_ENTITIES } from './read-model/employment.entities.js';
