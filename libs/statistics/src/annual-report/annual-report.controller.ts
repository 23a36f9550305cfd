import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentActor, type Actor } from '#http';
import { DASHBOARD_READERS } from '../dashboard/dashboard.controller.js';
import { AnnualReportQueryDto } from './annual-report.dto.js';
import { AnnualReportService, type AnnualReportView } from './annual-report.service.js';
import { renderAnnualReportDocx } from './render-annual-report-docx.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** `attachment` with an ASCII fallback name and the real one in RFC 5987 encoding (Chinese unit names). */
export function attachmentDisposition(asciiName: string, name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

@ApiTags('statistics')
@Controller('reports')
export class AnnualReportController {
  constructor(private readonly reports: AnnualReportService) {}

  @Get('annual')
  @Allow(...DASHBOARD_READERS)
  @ApiProduces('application/json', DOCX)
  @ApiOperation({
    summary:
      '年度工作总结统计部分（中文或英文，JSON 或 Word），每个数字可穿透到案件 / The statistics section of a work report for a unit and a year (or part of one), in Chinese or English, as JSON or a Word download; every figure links to the cases behind it; as of a past instant when asOf is given',
  })
  @ApiOkResponse({ description: '各节文字与数字；金额为分、比率为万分之一 / Sections of text and the figures, money in fen and rates in basis points, as strings' })
  async annual(
    @Query() query: AnnualReportQueryDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AnnualReportView | StreamableFile> {
    const report = await this.reports.build(actor, query);
    if ((query.format ?? 'json') === 'json') return report;
    const docx = await renderAnnualReportDocx(report, { linkBase: `${request.protocol}://${request.get('host') ?? 'localhost'}` });
    const { from, to } = report.period;
    const period = from.endsWith('-01-01') && to.endsWith('-12-31') && from.slice(0, 4) === to.slice(0, 4) ? from.slice(0, 4) : `${from}_${to}`;
    // The title names unit and period ("尧都区总工会2026年度工作统计"); characters a file name cannot hold become _.
    const name = `${report.title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.docx`;
    response.setHeader('Content-Disposition', attachmentDisposition(`annual-report-${report.unit.id}-${period}.docx`, name));
    return new StreamableFile(docx, { type: DOCX, length: docx.length });
  }
}
