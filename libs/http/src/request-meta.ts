import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';

/** Who asks, and the thread of requests it belongs to. */
export interface RequestMeta {
  readonly actor: string;
  readonly correlationId: string;
}

export const ACTOR_HEADER = 'x-actor';
export const CORRELATION_HEADER = 'x-correlation-id';
const ACTOR_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;
const CORRELATION_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

export class MissingActorException extends UnauthorizedException {
  constructor(readonly reason: string) {
    super(`Header X-Actor ${reason}`);
  }
}

/**
 * Until sign-in exists, the acting user is named by the X-Actor header and recorded on every event.
 * A correlation id is taken from X-Correlation-Id when well-formed, or made up.
 */
export function requestMetaFrom(request: Request): RequestMeta {
  const actor = request.header(ACTOR_HEADER);
  if (!actor) throw new MissingActorException('is required: it names the user recorded on the events');
  if (!ACTOR_PATTERN.test(actor)) throw new MissingActorException('must be 1-64 letters, digits or ._@-');
  const given = request.header(CORRELATION_HEADER);
  return { actor, correlationId: given && CORRELATION_PATTERN.test(given) ? given : randomUUID() };
}

export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta =>
  requestMetaFrom(context.switchToHttp().getRequest<Request>()),
);
