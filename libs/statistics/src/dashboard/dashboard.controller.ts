import { Controller, Get, Query, Res, Sse, type MessageEvent } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { Allow, CurrentActor, type Actor } from '#http';
import { DashboardStream } from './dashboard-stream.js';
import { DashboardService, type Dashboard } from './dashboard.service.js';
import { PeriodQueryDto } from './figure-query.dto.js';

/** Who reads the dashboard: supervisors, auditors and admins, each for their own unit and the units below it. */
export const DASHBOARD_READERS = ['supervisor', 'auditor', 'admin'] as const;

@ApiTags('statistics')
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly stream: DashboardStream,
  ) {}

  @Get()
  @Allow(...DASHBOARD_READERS)
  @ApiOperation({
    summary:
      '工作台：各项指标的目标、完成数、完成率，按下级单位和月份分列，可按历史时点 / Every metric with target, actual and progress, by sub-unit and month, live or as of a past instant',
  })
  @ApiOkResponse({ description: '金额为分、比率为万分之一，均以字符串表示 / Money in fen and rates in basis points, as strings' })
  async get(@Query() query: PeriodQueryDto, @CurrentActor() actor: Actor): Promise<Dashboard> {
    return this.dashboards.build(await this.dashboards.resolve(actor, query));
  }

  @Sse('stream')
  @Allow(...DASHBOARD_READERS)
  @ApiOperation({
    summary:
      '工作台实时推送（Server-Sent Events）：连接时推送一次，数据变化时再推送 / The dashboard as Server-Sent Events: once on connecting, then whenever its figures change; a heartbeat comment every 15 s',
  })
  @ApiOkResponse({
    description: '事件类型 dashboard，数据同 GET /dashboard / Events of type `dashboard` carrying what GET /dashboard answers',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async open(
    @Query() query: PeriodQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<Observable<MessageEvent>> {
    return this.stream.open(await this.dashboards.resolve(actor, query), response);
  }
}
