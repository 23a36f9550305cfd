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

/** The acting user comes from the session; a correlation id from X-Correlation-Id when well-formed, or made up. */
export function requestMetaFrom(request: Request): RequestMeta {
  const given = request.header(CORRELATION_HEADER);
  return { actor: actorOf(request).userId, correlationId: given && CORRELATION_PATTERN.test(given) ? given : randomUUID() };
}

export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta =>
  requestMetaFrom(context.switchToHttp().getRequest<Request>()),
);
