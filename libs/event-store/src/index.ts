export * from './event-store.port.js';
export * from './expected-revision.js';
export * from './errors.js';
export * from './position.js';
export * from './history.js';
export * from './postgres/postgres-event-store.js';
export * from './command-handling.js';
