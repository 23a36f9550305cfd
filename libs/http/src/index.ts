export * from './problem-details.js';
export * from './problem-details.filter.js';
export * from './validation.js';
export * from './request-meta.js';
export * from './access.js';
export * from './etag.js';
export * from './paging.js';
export * from './request-guards.js';
