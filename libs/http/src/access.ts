import { applyDecorators, createParamDecorator, SetMetadata, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ROLES, type Role } from '#shared-kernel';

export { ROLES, type Role };

/** The signed-in user a request acts for, as the authentication guard established it. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** The federation unit the user belongs to; they see and act on it and the units below it. */
  readonly unitId: string;
  readonly sessionId: string;
}

export type AccessRule = { readonly public: true } | { readonly public: false; readonly roles: readonly Role[] };

export const ACCESS_RULE = 'unioncase:access-rule';
export const SESSION_COOKIE = 'unioncase_session';

/** Who may call a route. A route with no rule is refused, so forgetting one fails closed. */
export function Allow(...roles: Role[]): MethodDecorator & ClassDecorator {
  if (roles.length === 0) throw new Error('Allow() needs at least one role');
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { public: false, roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiCookieAuth(SESSION_COOKIE),
    ApiUnauthorizedResponse({ description: 'No valid session' }),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}` }),
  );
}

/** A route anyone may call without signing in (sign-in itself, health). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule);
}

/** Roles that do casework: they change records within their units. */
export const CASEWORK: Role[] = ['caseworker', 'supervisor'];
/** Roles that read casework: caseworkers, supervisors and auditors. */
export const CASEWORK_READERS: Role[] = ['caseworker', 'supervisor', 'auditor'];
export const ANY_ROLE: Role[] = [...ROLES];

export interface RequestWithActor extends Request {
  actor?: Actor;
}

export function actorOf(request: Request): Actor {
  const actor = (request as RequestWithActor).actor;
  // The guard sets the actor on every non-public route; reaching here without one is a wiring mistake.
  if (!actor) throw new UnauthorizedException('Sign in first');
  return actor;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor =>
  actorOf(context.switchToHttp().getRequest<Request>()),
);
