export { BargainingModule } from './bargaining.module.js';
export { BargainingProjection } from './read-model/bargaining.projection.js';
export { BARGAINING_ENTITIES } from './read-model/bargaining.entities.js';
