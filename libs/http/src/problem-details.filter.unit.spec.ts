import type { ArgumentsHost } from '@nestjs/common';
import { DomainError } from '#shared-kernel';
import { ProblemDetailsFilter } from './problem-details.filter.js';

function answer(exception: unknown) {
  const sent: { status?: number; body?: any } = {};
  const response = {
    headersSent: false,
    setHeader: () => response,
    status: (status: number) => ((sent.status = status), response),
    type: () => response,
    send: (body: string) => ((sent.body = JSON.parse(body)), response),
  };
  const request = { method: 'POST', originalUrl: '/api/things/1?secret=x', header: () => undefined };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
}

describe('problem details of a domain error', () => {
  it('carries its details as extension members, which never replace the standard ones', () => {
    const error = new DomainError('THING.IN_USE', 'conflict', 'The thing is in use', [{ field: 'thingId', reason: 'is in use' }], {
      status: 'rehired',
      code: 'not this',
      existingThingId: 'abc',
    });
    const { status, body } = answer(error);
    expect(status).toBe(409);
    expect(body).toMatchObject({ status: 409, code: 'THING.IN_USE', title: 'The thing is in use', existingThingId: 'abc', instance: '/api/things/1' });
    expect(body.errors).toEqual([{ field: 'thingId', reason: 'is in use' }]);
  });
});
