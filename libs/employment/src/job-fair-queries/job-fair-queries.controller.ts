import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK_READERS, CurrentActor, etagFor, IdParam, type Actor } from '#http';
import { GetJobFairQuery, ListJobFairsQuery, ListJobFairsQueryDto, type JobFairView } from './job-fair-queries.js';

@ApiTags('job-fairs')
@Controller('job-fairs')
export class JobFairQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '招聘会列表 / Job fairs of your units, newest first' })
  list(@Query() filter: ListJobFairsQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListJobFairsQuery(filter, actor));
  }

  @Get(':id')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '招聘会及其岗位 / A job fair with the positions offered' })
  async get(@IdParam() id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const fair: JobFairView = await this.queries.execute(new GetJobFairQuery(id, actor));
    response.setHeader('ETag', etagFor(fair.revision));
    return fair;
  }
}
