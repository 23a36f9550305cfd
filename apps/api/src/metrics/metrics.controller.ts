import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#http';
import { MetricsService } from './metrics.service.js';

/**
 * GET /metrics, outside the /api prefix where Prometheus looks by default: process metrics, projection lag and
 * throughput, the audit chain's lag. Public like /api/health (it holds no personal or case data); keep it off the
 * public network at the proxy if the figures themselves should not be seen. Not in the OpenAPI document: it is
 * for the monitoring system, in Prometheus text, not part of the API.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async metricsText(@Res({ passthrough: true }) response: Response): Promise<string> {
    const { contentType, body } = await this.metrics.scrape();
    response.type(contentType);
    return body;
  }
}
