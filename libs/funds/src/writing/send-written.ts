import type { Response } from 'express';
import type { Written } from './funds-writer.js';

/** Answers a command: the first request's status, Location and ETag, and on a retry the same answer marked as replayed. */
export function sendWritten(response: Response, written: Written): Record<string, unknown> {
  const { status, location, body } = written.answer;
  response.status(status);
  if (location) response.location(location);
  if (typeof body.etag === 'string') response.setHeader('ETag', body.etag);
  if (written.replayed) response.setHeader('Idempotent-Replayed', 'true');
  const { etag: _etag, ...rest } = body;
  return { ...rest, position: written.position };
}
