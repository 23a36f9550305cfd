import { Body, Controller, Get, Header, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ANY_ROLE, Allow, correlationIdOf, CurrentActor, Meta, Public, SESSION_COOKIE, type Actor, type RequestMeta } from '#http';
import { ChangeOwnPasswordCommand, SignOutCommand } from '../manage-accounts/manage-accounts.handlers.js';
import { ChangeOwnPasswordDto } from '../manage-accounts/manage-accounts.dto.js';
import { SignInDto } from './sign-in.dto.js';
import { SignInCommand, type SignInResult } from './sign-in.handler.js';
import { AccountQueries } from '../account-queries/account-queries.js';

export const COOKIE_SECURE = Symbol('COOKIE_SECURE');
/** Where a password is checked: the app limits how often one client address may call these. */
export const SIGN_IN_RATE_LIMITED_PATHS = ['/api/auth/sign-in', '/api/auth/tokens', '/api/auth/password'];

/**
 * Sign-in for the browser (an httpOnly, SameSite=Strict cookie the page's scripts cannot read) and for API
 * clients (a bearer token in the body). Both, and password changes, are rate-limited per client address (see
 * SIGN_IN_RATE_LIMITED_PATHS).
 */
@ApiTags('auth')
@Controller('auth')
export class SessionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly accounts: AccountQueries,
    @Inject(COOKIE_SECURE) private readonly cookieSecure: boolean,
  ) {}

  @Post('sign-in')
  @Public()
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Signed in: the session cookie is set' })
  @ApiTooManyRequestsResponse({ description: 'Too many sign-in attempts from this address' })
  async signIn(@Body() body: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const result: SignInResult = await this.commands.execute(
      new SignInCommand(body.username, body.password, 'browser', request.ip ?? 'unknown', correlationIdOf(request)),
    );
    response.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.cookieSecure || request.secure,
      path: '/',
      expires: result.expiresAt,
    });
    return { user: result.user, expiresAt: result.expiresAt.toISOString() };
  }

  @Post('tokens')
  @Public()
  @Header('Cache-Control', 'no-store')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'A bearer token for API clients: send it as `Authorization: Bearer <token>`' })
  @ApiTooManyRequestsResponse({ description: 'Too many sign-in attempts from this address' })
  async issueToken(@Body() body: SignInDto, @Req() request: Request) {
    const result: SignInResult = await this.commands.execute(
      new SignInCommand(body.username, body.password, 'api', request.ip ?? 'unknown', correlationIdOf(request)),
    );
    return { tokenType: 'Bearer', token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
  }

  @Post('sign-out')
  @Allow(...ANY_ROLE)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended and its cookie cleared' })
  async signOut(@CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    await this.commands.execute(new SignOutCommand(actor, meta));
    response.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
  }

  @Get('me')
  @Allow(...ANY_ROLE)
  @ApiOkResponse({ description: 'The signed-in user, their role and unit' })
  me(@CurrentActor() actor: Actor) {
    return this.accounts.me(actor);
  }

  @Put('password')
  @Allow(...ANY_ROLE)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; the user\'s other sessions are ended' })
  async changePassword(@Body() body: ChangeOwnPasswordDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    await this.commands.execute(new ChangeOwnPasswordCommand(body.currentPassword, body.newPassword, actor, meta));
  }
}
