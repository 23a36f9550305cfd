import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_RULE, SESSION_COOKIE, type AccessRule, type RequestWithActor } from '#http';
import { Clock, DomainError } from '#shared-kernel';
import { CurrentAccounts } from '../accounts/current-accounts.js';
import { SESSION_POLICY, SessionStore, type SessionPolicy } from '../sessions/session-store.js';

/** The session token a request carries: `Authorization: Bearer …` from API clients, the cookie from the browser. */
export function sessionTokenOf(request: Request): string | undefined {
  const authorization = request.header('authorization');
  if (authorization) {
    const [scheme, token] = authorization.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token.trim() : undefined;
  }
  const cookies = (request as Request & { cookies?: Record<string, unknown> }).cookies;
  const cookie = cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie ? cookie : undefined;
}

export const notSignedIn = (reason: string) =>
  new DomainError('IDENTITY.NOT_SIGNED_IN', 'unauthenticated', 'Sign in first', [{ field: 'session', reason }]);

/**
 * Runs on every route. A route must declare who may call it (`@Allow(...)` or `@Public()`); one that declares
 * nothing is closed, so a forgotten declaration fails safe. The account is brought up to date from its stream on
 * each request, so a disabled account or a changed role takes effect at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionStore,
    private readonly accounts: CurrentAccounts,
    private readonly clock: Clock,
    @Inject(SESSION_POLICY) private readonly policy: SessionPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access rule; refusing every call to it`);
      throw new DomainError('ACCESS.UNDECLARED', 'forbidden', 'This route is closed: it does not declare who may call it');
    }
    if (rule.public) return true;

    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const token = sessionTokenOf(request);
    if (!token) throw notSignedIn('no session cookie or bearer token was sent');
    const now = this.clock.now();
    const session = await this.sessions.resolve(token, this.policy, now);
    if (!session) throw notSignedIn('the session has ended or expired');
    const account = await this.accounts.load(session.userId);
    if (account.status !== 'active') {
      await this.sessions.end(session.sessionId, 'account_disabled', now);
      throw notSignedIn('the account is disabled');
    }
    request.actor = {
      userId: account.userId,
      username: account.username,
      role: account.role,
      unitId: account.unitId,
      sessionId: session.sessionId,
    };
    if (!rule.roles.includes(account.role)) {
      throw new DomainError('ACCESS.ROLE_NOT_ALLOWED', 'forbidden', `This is not open to the ${account.role} role`, [], {
        allowedRoles: rule.roles,
      });
    }
    return true;
  }
}
