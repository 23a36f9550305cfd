import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { AccountQueries, ListAccountsQueryDto } from '../account-queries/account-queries.js';
import { ChangeRoleDto, CreateAccountDto, DisableAccountDto, MoveAccountDto, ResetPasswordDto } from './manage-accounts.dto.js';
import { ChangeAccountCommand, CreateAccountCommand, type AccountWritten } from './manage-accounts.handlers.js';

const written = (result: AccountWritten, response: Response) => {
  response.setHeader('ETag', etagFor(result.revision));
  return { id: result.userId, revision: Number(result.revision), position: result.position ?? null };
};

/** Admins manage the accounts of their unit and the units below it; auditors may list them. */
@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: AccountQueries,
  ) {}

  @Post()
  @Allow('admin')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'Created; Location names the new account' })
  async create(@Body() body: CreateAccountDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const result: AccountWritten = await this.commands.execute(new CreateAccountCommand(body, actor, meta));
    response.location(`/api/accounts/${result.userId}`);
    return written(result, response);
  }

  @Get()
  @Allow('admin', 'auditor')
  @ApiOkResponse({ description: 'Accounts in the caller\'s units' })
  list(@Query() filter: ListAccountsQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.list(actor, filter);
  }

  @Get(':id')
  @Allow('admin', 'auditor')
  async get(@IdParam() id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const view = await this.queries.get(actor, id);
    response.setHeader('ETag', etagFor(view.revision));
    return view;
  }

  @Put(':id/role')
  @Allow('admin')
  @ApiHeader({ name: 'If-Match', required: false })
  async changeRole(
    @IdParam() id: string,
    @Body() body: ChangeRoleDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expected: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const change = { kind: 'role' as const, command: { type: 'ChangeRole' as const, data: { role: body.role, by: actor.userId } } };
    return written(await this.commands.execute(new ChangeAccountCommand(id, change, actor, meta, expected)), response);
  }

  @Put(':id/unit')
  @Allow('admin')
  @ApiHeader({ name: 'If-Match', required: false })
  async move(
    @IdParam() id: string,
    @Body() body: MoveAccountDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expected: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const change = { kind: 'unit' as const, command: { type: 'MoveAccount' as const, data: { unitId: body.unitId } } };
    return written(await this.commands.execute(new ChangeAccountCommand(id, change, actor, meta, expected)), response);
  }

  @Post(':id/disable')
  @Allow('admin')
  @HttpCode(200)
  async disable(
    @IdParam() id: string,
    @Body() body: DisableAccountDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const change = { kind: 'disable' as const, command: { type: 'DisableAccount' as const, data: { reason: body.reason, by: actor.userId } } };
    return written(await this.commands.execute(new ChangeAccountCommand(id, change, actor, meta)), response);
  }

  @Post(':id/enable')
  @Allow('admin')
  @HttpCode(200)
  async enable(@IdParam() id: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const change = { kind: 'enable' as const, command: { type: 'EnableAccount' as const, data: {} } };
    return written(await this.commands.execute(new ChangeAccountCommand(id, change, actor, meta)), response);
  }

  @Put(':id/password')
  @Allow('admin')
  async resetPassword(
    @IdParam() id: string,
    @Body() body: ResetPasswordDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const change = { kind: 'reset-password' as const, newPassword: body.newPassword };
    return written(await this.commands.execute(new ChangeAccountCommand(id, change, actor, meta)), response);
  }
}
