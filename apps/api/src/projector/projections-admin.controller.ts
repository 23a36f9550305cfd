import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow } from '#http';
import type { RebuildStatus } from '#projections';
import { ProjectionRebuilds, type ProjectionOverview } from './projection-rebuilds.service.js';

@ApiTags('admin')
@Controller('admin/projections')
export class ProjectionsAdminController {
  constructor(private readonly rebuilds: ProjectionRebuilds) {}

  @Get()
  @Allow('admin')
  @ApiOperation({
    summary: '读模型投影及其重建状态 / The projections and their rebuilds',
    description:
      '每个投影：代码版本与表的构建版本、检查点、落后的事件数（最多计 1000）、重建是否在进行及进度、上次重建。 / ' +
      'Each projection: the version of its code and the version its tables were built with, its checkpoint, events behind ' +
      '(counted up to 1000), whether a rebuild is running and how far it got, and the last one.',
  })
  @ApiOkResponse({ description: 'One entry per projection' })
  overview(): Promise<ProjectionOverview[]> {
    return this.rebuilds.overview();
  }

  @Post(':name/rebuild')
  @Allow('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiParam({ name: 'name', description: '投影名称，如 funds / The projection\'s name, such as funds' })
  @ApiOperation({
    summary: '重建投影（不停机） / Rebuild a projection without downtime',
    description:
      '在后台从日志起点重新构建该投影的表副本，期间 API 照常从现有表作答；副本追上后在一个事务内原子切换。进度见 GET /api/admin/projections。 / ' +
      'Builds fresh copies of the projection\'s tables from the start of the log in the background while the API keeps ' +
      'answering from the present ones, then swaps them in atomically once they have caught up. Follow it with GET /api/admin/projections.',
  })
  @ApiAcceptedResponse({ description: 'The rebuild has started; its status as it starts' })
  @ApiNotFoundResponse({ description: 'No projection of that name' })
  @ApiConflictResponse({ description: 'A rebuild of the projection is already running (here or from the command line)' })
  rebuild(@Param('name') name: string): Promise<RebuildStatus> {
    return this.rebuilds.start(name);
  }
}
