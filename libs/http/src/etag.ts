import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** A record's ETag is the revision of its stream: a strong validator that changes with every event. */
export const etagFor = (revision: bigint | number | string) => `"${revision}"`;

export class InvalidIfMatchException extends BadRequestException {}

export function parseIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined || header === '*') return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw new InvalidIfMatchException('If-Match must be an ETag this API gave, like "3"');
  return BigInt(match[1]);
}

/** The stream revision the client last saw, from If-Match; undefined when the client sent none. */
export const IfMatchRevision = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseIfMatch(context.switchToHttp().getRequest<Request>().header('if-match')),
);
