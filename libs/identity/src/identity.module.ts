import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_GUARD } from '@nestjs/core';
import { AccessAudit } from './access-log/access-audit.js';
import { AccessLogController, AccessLogQueries } from './access-log/access-log.queries.js';
import { AccountQueries } from './account-queries/account-queries.js';
import { CurrentAccounts } from './accounts/current-accounts.js';
import { AccessGuard } from './authorization/access.guard.js';
import { AccountsController } from './manage-accounts/accounts.controller.js';
import {
  AccountsInScope,
  ChangeAccountHandler,
  ChangeOwnPasswordHandler,
  CreateAccountHandler,
  SignOutHandler,
} from './manage-accounts/manage-accounts.handlers.js';
import { ChangeUnitHandler } from './manage-units/manage-units.handlers.js';
import { UnitsController } from './manage-units/units.controller.js';
import { IdentityProjection } from './read-model/identity.projection.js';
import { CredentialStore } from './sessions/credential-store.js';
import { PasswordHasher } from './sessions/password-hasher.js';
import { SessionHousekeeping } from './sessions/session-housekeeping.js';
import { SESSION_POLICY, SessionStore, type SessionPolicy } from './sessions/session-store.js';
import { COOKIE_SECURE, SessionController } from './sign-in/session.controller.js';
import { SignInHandler } from './sign-in/sign-in.handler.js';
import { UnitQueries } from './unit-queries/unit-queries.js';
import { UnitDirectory } from './units/unit-directory.js';

/**
 * Who is calling and what they may see: federation units, accounts, sessions, the access guard on every route,
 * and the access log. Needs EventStore, Clock and IdGenerator from the app.
 */
@Module({
  imports: [CqrsModule],
  controllers: [SessionController, AccountsController, UnitsController, AccessLogController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    CurrentAccounts,
    PasswordHasher,
    CredentialStore,
    SessionStore,
    SessionHousekeeping,
    UnitDirectory,
    AccountsInScope,
    AccountQueries,
    UnitQueries,
    AccessLogQueries,
    AccessAudit,
    SignInHandler,
    SignOutHandler,
    CreateAccountHandler,
    ChangeAccountHandler,
    ChangeOwnPasswordHandler,
    ChangeUnitHandler,
    IdentityProjection,
  ],
  exports: [IdentityProjection, UnitDirectory, AccessAudit, PasswordHasher, CredentialStore],
})
export class IdentityModule {
  static forRoot(options: { sessionPolicy: SessionPolicy; cookieSecure: boolean }): DynamicModule {
    return {
      module: IdentityModule,
      // Every casework context checks units and records access through it.
      global: true,
      providers: [
        { provide: SESSION_POLICY, useValue: options.sessionPolicy },
        { provide: COOKIE_SECURE, useValue: options.cookieSecure },
      ],
    };
  }
}
