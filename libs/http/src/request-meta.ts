import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { actorOf } from './access.js';

/** Who asks, and the thread of requests it belongs to: stamped on every event a command records. */
export interface RequestMeta {
  /** The signed-in user's id. */
  readonly actor: string;
  readonly correlationId: string;
}

export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request's X-Correlation-Id when well-formed, or a new one. */
export function correlationIdOf(request: Request): string {
  const given = request.header(CORRELATION_HEADER);
  return given && CORRELATION_PATTERN.test(given) ? given : randomUUID();
}

/** The acting user comes from the session. */
export function requestMetaFrom(request: Request): RequestMeta {
  return { actor: actorOf(request).userId, correlationId: correlationIdOf(request) };
}

export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta =>
  requestMetaFrom(context.switchToHttp().getRequest<Request>()),
);
