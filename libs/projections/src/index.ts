export * from './projection.js';
export * from './projector.js';
export * from './checkpoint-store.js';
export * from './rebuild.js';
