import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CASEWORK_READERS, CurrentActor, IdParam, Meta, type Actor, type RequestMeta } from '#http';
import { GetGrantQuery, ListGrantsQuery, ListGrantsQueryDto } from './grant-queries.js';
import { GetProgrammeQuery, ListProgrammesQuery, ListProgrammesQueryDto } from './programme-queries.js';

@ApiTags('aid-grants')
@Controller('aid-grants')
export class GrantQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '补助列表；status=proposed 为待审批队列 / Grants of cases in your units; status=proposed is the approval queue' })
  list(@QueryParams() filter: ListGrantsQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListGrantsQuery(filter, actor));
  }

  @Get(':grantId')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '补助详情及其事件（记录查阅） / A grant with every step and the events behind it; the read is recorded' })
  get(@IdParam('grantId') grantId: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    return this.queries.execute(new GetGrantQuery(grantId, actor, meta));
  }
}

@ApiTags('aid-programmes')
@Controller('aid-programmes')
export class ProgrammeQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '帮扶项目 / Aid programmes of your units, the units below and the units above' })
  list(@QueryParams() filter: ListProgrammesQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListProgrammesQuery(filter, actor));
  }

  @Get(':programmeId')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '项目详情及补助统计 / A programme, its rules and its grants’ totals' })
  get(@IdParam('programmeId') programmeId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetProgrammeQuery(programmeId, actor));
  }
}
