export { CaseworkModule } from './casework.module.js';
export { CaseworkProjection } from './read-model/casework.projection.js';
export { CASEWORK_ENTITIES } from './read-model/casework.entities.js';
