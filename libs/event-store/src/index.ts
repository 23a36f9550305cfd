export * from './event-store.port.js';
export * from './expected-revision.js';
export * from './errors.js';
export * from './position.js';
export * from './postgres/postgres-event-store.js';
export * from './command-handling.js';
export * from './migration/copy-events.js';
export * from './migration/postgres-copy-progress.js';
