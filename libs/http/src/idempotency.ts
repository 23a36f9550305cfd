import { createParamDecorator, Injectable, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { EventStore, NO_STREAM, type EventToAppend, type Position, type StreamAppend } from '#event-store';
import { DomainError } from '#shared-kernel';
import { actorOf } from './access.js';
import { RequestValidationException } from './validation.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Visible ASCII, as the IETF Idempotency-Key draft and payment APIs use: a UUID fits, so does a form's own token. */
const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

/** A request that may be retried: who sent it, under which key, and what it asked for. */
export interface IdempotentRequest {
  /** The claim stream: one per user and key, so one user's keys never collide with another's. */
  readonly streamName: string;
  /** SHA-256 of the method, path and body: the same key with a different request is refused. */
  readonly fingerprint: string;
}

/** The answer a first request gave, kept with the claim so a retry gets it again instead of acting twice. */
export interface IdempotentAnswer {
  readonly status: number;
  readonly location: string | null;
  readonly body: Record<string, string | number | boolean | null>;
}

export type IdempotentRequestAccepted = { type: 'IdempotentRequestAccepted'; data: { fingerprint: string; answer: IdempotentAnswer } };

/** Sorted keys, so the same body written in another order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function idempotentRequestOf(request: Request): IdempotentRequest | undefined {
  const key = request.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new RequestValidationException([{ field: 'Idempotency-Key', reason: 'must be 8 to 255 visible ASCII characters, such as a UUID' }]);
  }
  const actor = actorOf(request);
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  return {
    streamName: `idempotency-${sha256(`${actor.userId}\n${key}`)}`,
    fingerprint: sha256(`${request.method} ${request.path}\n${canonicalJson(request.body ?? null)}`),
  };
}

/** The request's Idempotency-Key, checked; undefined when the client sent none. */
export const Idempotency = createParamDecorator((_: unknown, context: ExecutionContext) =>
  idempotentRequestOf(context.switchToHttp().getRequest<Request>()),
);

/**
 * Makes a command safe to retry. The key is claimed by an event in its own stream, appended in the same atomic
 * append as the command's events, so either both are recorded or neither; a retry finds the claim and is answered
 * from it, and two copies racing can only both succeed if one of them appended nothing.
 */
@Injectable()
export class IdempotentRequests {
  constructor(private readonly store: EventStore) {}

  /** The answer already given to this request, or null if it has not been accepted yet. */
  async previousAnswer(request: IdempotentRequest | undefined): Promise<(IdempotentAnswer & { position: Position }) | null> {
    if (!request) return null;
    const [claim] = await this.store.readStream(request.streamName, { maxCount: 1 });
    if (!claim) return null;
    const { fingerprint, answer } = (claim.data as unknown as IdempotentRequestAccepted['data']);
    if (fingerprint !== request.fingerprint) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'unprocessable', 'This Idempotency-Key was used for a different request', [
        { field: 'Idempotency-Key', reason: 'was already used with another path or body; use a new key for a new request' },
      ]);
    }
    return { ...answer, position: claim.position };
  }

  /** The append that claims the key along with the command's own appends. */
  claim(request: IdempotentRequest | undefined, answer: IdempotentAnswer, eventFor: (event: IdempotentRequestAccepted) => EventToAppend): StreamAppend[] {
    if (!request) return [];
    return [{ streamName: request.streamName, expectedRevision: NO_STREAM, events: [eventFor({ type: 'IdempotentRequestAccepted', data: { fingerprint: request.fingerprint, answer } })] }];
  }
}
