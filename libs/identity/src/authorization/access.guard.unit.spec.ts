import { Controller, Get, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { Allow, Public } from '#http';
import { DomainError, type Clock } from '#shared-kernel';
import type { CurrentAccounts } from '../accounts/current-accounts.js';
import { AccessGuard } from './access.guard.js';
import type { SessionStore } from '../sessions/session-store.js';

@Controller('example')
class ExampleController {
  @Get('forgotten')
  forgotten() {
    return 'should never run';
  }

  @Get('open')
  @Public()
  open() {
    return 'ok';
  }

  @Get('casework')
  @Allow('caseworker')
  casework() {
    return 'ok';
  }
}

function contextFor(handler: () => unknown, headers: Record<string, string> = {}): ExecutionContext {
  const request = { header: (name: string) => headers[name.toLowerCase()], cookies: {} };
  return {
    getHandler: () => handler,
    getClass: () => ExampleController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  // The guard logs each refusal of an undeclared route as an error; here that is the expected outcome.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  const sessionsResolved: string[] = [];
  const sessions = { resolve: async (token: string) => (sessionsResolved.push(token), null) } as unknown as SessionStore;
  const guard = new AccessGuard(new Reflector(), sessions, {} as CurrentAccounts, { now: () => new Date() } as Clock, {
    maxAgeMinutes: 60,
    idleMinutes: 30,
  });

  it('refuses a route that declares no access rule, even before looking at the session', async () => {
    const refusal = await guard.canActivate(contextFor(ExampleController.prototype.forgotten, { authorization: 'Bearer x' })).catch((error) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'ACCESS.UNDECLARED', category: 'forbidden' });
    expect(sessionsResolved).toEqual([]);
  });

  it('lets a public route through without a session', async () => {
    await expect(guard.canActivate(contextFor(ExampleController.prototype.open))).resolves.toBe(true);
  });

  it('asks for a session on a declared route, and refuses an unknown token', async () => {
    const missing = await guard.canActivate(contextFor(ExampleController.prototype.casework)).catch((error) => error);
    expect(missing).toMatchObject({ code: 'IDENTITY.NOT_SIGNED_IN', category: 'unauthenticated' });
    const unknown = await guard.canActivate(contextFor(ExampleController.prototype.casework, { authorization: 'Bearer abc' })).catch((error) => error);
    expect(unknown).toMatchObject({ code: 'IDENTITY.NOT_SIGNED_IN' });
    expect(sessionsResolved).toEqual(['abc']);
  });
});
