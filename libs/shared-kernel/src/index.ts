export * from './decider.js';
export * from './domain-error.js';
export * from './clock.js';
export * from './id-generator.js';
export * from './calendar-date.js';
export * from './check-characters.js';
export * from './roles.js';
export * from './money.js';
