import {
  Injectable,
  UnsupportedMediaTypeException,
  type ArgumentMetadata,
  type CanActivate,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import type { Request } from 'express';
import { RequestValidationException, type FieldProblem } from './validation.js';

// PostgreSQL text and jsonb cannot hold NUL, nor a UTF-16 surrogate that is not part of a pair.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorableStrings(value: unknown, path: string, found: FieldProblem[]): FieldProblem[] {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) found.push({ field: path || 'body', reason: 'contains a NUL character or a broken surrogate pair' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableStrings(item, `${path}[${index}]`, found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) unstorableStrings(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}

// Keys the framework drops without a word instead of refusing them as unknown fields: Nest's ValidationPipe
// strips __proto__, constructor and prototype, and class-transformer skips any key that names a method of the
// DTO (toString, hasOwnProperty, valueOf, ...).
const SILENTLY_DROPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

function droppedKeys(value: unknown, path: string, found: FieldProblem[]): FieldProblem[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => droppedKeys(item, `${path}[${index}]`, found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (SILENTLY_DROPPED_KEYS.has(key)) found.push({ field, reason: 'is not a field' });
      else droppedKeys(item, field, found);
    }
  }
  return found;
}

/**
 * Runs before validation on every body and query: a body must be a JSON object, and no string may hold
 * characters the database cannot store (they would otherwise fail deep inside an append).
 */
@Injectable()
export class StorableInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new RequestValidationException([{ field: 'body', reason: 'must be a JSON object' }]);
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problems = unstorableStrings(value, metadata.type === 'param' ? (metadata.data ?? '') : '', []);
      if (metadata.type !== 'param') droppedKeys(value, '', problems);
      if (problems.length) throw new RequestValidationException(problems);
    }
    return value;
  }
}

/** A request that carries a body must say it is JSON; anything else would be read as an empty object. */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (hasBody && !request.is('application/json') && !request.is('application/*+json')) {
      throw new UnsupportedMediaTypeException('The request body must be application/json');
    }
    return true;
  }
}
