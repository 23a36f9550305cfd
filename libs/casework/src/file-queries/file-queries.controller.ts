import { Body, Controller, Get, Header, HttpCode, Post, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK_READERS, CurrentActor, etagFor, IdParam, Meta, toCsv, type Actor, type Page, type RequestMeta } from '#http';
import type { FileSummary } from './file-views.js';
import {
  GetFileQuery,
  ListFilesQuery,
  ReviewsDueQuery,
  ReviewsDueQueryDto,
  SearchByResidentIdDto,
  SearchByResidentIdQuery,
} from './file-queries.js';
import { RegisterFiguresQuery, RegisterFiguresQueryDto } from './register-figures.js';
import { RegisterFilterDto } from './register-filter.js';

const EXPORT_PAGE = 100;

@ApiTags('hardship-files')
@Controller('hardship-files')
export class FileQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '困难职工档案名册 / The hardship register: files in your units, by unit, category, tier, status or name' })
  list(@QueryParams() filter: RegisterFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListFilesQuery(filter, actor));
  }

  @Post('search')
  @Allow(...CASEWORK_READERS)
  @HttpCode(200)
  @ApiOperation({ summary: '按身份证号查找档案 / Find the files of a resident ID number (sent in the body, never in the URL)' })
  search(@Body() body: SearchByResidentIdDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new SearchByResidentIdQuery(body.residentId, actor));
  }

  @Get('reviews-due')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '到期与逾期复核 / Reviews overdue and falling due, as of today (Asia/Shanghai)' })
  reviewsDue(@QueryParams() filter: ReviewsDueQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ReviewsDueQuery(filter, actor));
  }

  /** The register (台账) as a spreadsheet: ID numbers and phones masked, only the caller's units. */
  @Get('export')
  @Allow(...CASEWORK_READERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="hardship-files.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '导出档案台账（身份证号、电话已脱敏） / Export the register as CSV, ID numbers and phones masked' })
  async export(@QueryParams() filter: RegisterFilterDto, @CurrentActor() actor: Actor): Promise<string> {
    const rows: FileSummary[] = [];
    for (let page = 1; ; page++) {
      const result: Page<FileSummary> = await this.queries.execute(
        new ListFilesQuery(Object.assign(new RegisterFilterDto(), filter, { page, pageSize: EXPORT_PAGE }), actor),
      );
      rows.push(...result.items);
      if (rows.length >= result.total || result.items.length === 0) break;
    }
    return toCsv(
      [
        'id', 'unitName', 'name', 'residentIdMasked', 'phoneMasked', 'gender', 'employerName', 'householdSize', 'perCapitaMonthlyIncomeFen',
        'minimumLivingStandardFen', 'tier', 'categories', 'status', 'openedOn', 'lastReviewedOn', 'nextReviewDue', 'reviewOverdue',
        'leavingReason', 'leftOn', 'visitCount', 'aidRequestCount', 'aidRequestedFen', 'personalDataErased',
      ],
      rows.map((row) => [
        row.id, row.unitName, row.name, row.residentIdMasked, row.phoneMasked, row.gender, row.employerName, row.householdSize,
        row.perCapitaMonthlyIncomeFen, row.minimumLivingStandardFen, row.tier, row.categories.join(';'), row.status, row.openedOn,
        row.lastReviewedOn, row.nextReviewDue, row.reviewOverdue, row.leavingReason, row.leftOn, row.visitCount, row.aidRequestCount,
        row.aidRequestedFen, row.personalDataErased,
      ]),
    );
  }

  @Get(':id')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '档案详情（含个人信息，记录查阅） / The full file with the worker’s personal data; the read is recorded' })
  @ApiOkResponse({ description: 'ETag 为档案版本，用于 If-Match / The ETag is the file’s revision, for If-Match' })
  async get(@IdParam() id: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const file = await this.queries.execute(new GetFileQuery(id, actor, meta));
    response.setHeader('ETag', etagFor(file.revision));
    return file;
  }
}

/** Beside the other contexts' figures (/figures/organizing, /figures/bargaining, /figures/employment). */
@ApiTags('hardship-files')
@Controller('figures')
export class HardshipFiguresController {
  constructor(private readonly queries: QueryBus) {}

  @Get('hardship')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '在册户数、分类统计、逾期复核 / Households on the register by tier, category and unit; reviews overdue; leavers by reason' })
  figures(@QueryParams() filter: RegisterFiguresQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new RegisterFiguresQuery(filter, actor));
  }
}
