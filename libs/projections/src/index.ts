export * from './projection.js';
export * from './projector.js';
export * from './checkpoint-store.js';
export * from './projection-commits.js';
export * from './rebuild.js';
export * from './read-model-snapshot.js';
export * from './projection-sql.js';
