import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK_READERS, CurrentActor, etagFor, IdParam, Meta, type Actor, type RequestMeta } from '#http';
import { JobSeekerHistoryQuery } from './job-seeker-history.js';
import { GetJobSeekerQuery, ListJobSeekersQuery, ListJobSeekersQueryDto, type JobSeekerDetail } from './job-seeker-queries.js';

@ApiTags('job-seekers')
@Controller('job-seekers')
export class JobSeekerQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '求职人员名单 / Job seekers in your units, by status, kind, skill or name' })
  list(@Query() filter: ListJobSeekersQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListJobSeekersQuery(filter, actor));
  }

  @Get(':id')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '求职人员档案（查看记入访问日志） / A job seeker\'s full record; each reading is recorded in the access log' })
  async get(@IdParam() id: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const seeker: JobSeekerDetail = await this.queries.execute(new GetJobSeekerQuery(id, actor, meta));
    response.setHeader('ETag', etagFor(seeker.revision));
    return seeker;
  }

  @Get(':id/history')
  @Allow(...CASEWORK_READERS)
  @ApiOkResponse({ description: "Every event of the seeker's stream, oldest first, without the sealed personal data" })
  history(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new JobSeekerHistoryQuery(id, actor));
  }
}
