export * from './database/embedded-postgres.js';
export * from './database/connection.js';
export * from './database/migrate.js';
