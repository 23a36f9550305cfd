import { Body, Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ANY_ROLE, Allow, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { UnitQueries } from '../unit-queries/unit-queries.js';
import { CreateUnitDto, MoveUnitDto, RenameUnitDto } from './manage-units.dto.js';
import { ChangeUnitCommand, type UnitWritten } from './manage-units.handlers.js';

const written = (result: UnitWritten, response: Response) => {
  response.setHeader('ETag', etagFor(result.revision));
  return { id: result.unitId, revision: Number(result.revision), position: result.position };
};

/** Federation units (市 → 区/县 → 乡镇/街道 → 社区/基层): everyone reads their part of the tree, admins shape it. */
@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: UnitQueries,
  ) {}

  @Post()
  @Allow('admin')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'Created; Location names the new unit' })
  async create(@Body() body: CreateUnitDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const result: UnitWritten = await this.commands.execute(new ChangeUnitCommand(undefined, { kind: 'create', ...body }, actor, meta));
    response.location(`/api/units/${result.unitId}`);
    return written(result, response);
  }

  @Get()
  @Allow(...ANY_ROLE)
  @ApiOkResponse({ description: "The caller's unit and the units below it" })
  list(@CurrentActor() actor: Actor) {
    return this.queries.list(actor);
  }

  @Get(':id')
  @Allow(...ANY_ROLE)
  async get(@IdParam() id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const view = await this.queries.get(actor, id);
    response.setHeader('ETag', etagFor(view.revision));
    return view;
  }

  @Put(':id/name')
  @Allow('admin')
  @ApiHeader({ name: 'If-Match', required: false })
  async rename(
    @IdParam() id: string,
    @Body() body: RenameUnitDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expected: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return written(await this.commands.execute(new ChangeUnitCommand(id, { kind: 'rename', name: body.name }, actor, meta, expected)), response);
  }

  @Put(':id/parent')
  @Allow('admin')
  @ApiHeader({ name: 'If-Match', required: false })
  async move(
    @IdParam() id: string,
    @Body() body: MoveUnitDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expected: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return written(await this.commands.execute(new ChangeUnitCommand(id, { kind: 'move', parentId: body.parentId }, actor, meta, expected)), response);
  }
}
