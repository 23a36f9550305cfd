import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK_READERS, CurrentActor, etagFor, IdParam, toCsv, type Actor, type Page } from '#http';
import { GetEnterpriseQuery, ListEnterprisesQuery, ListEnterprisesQueryDto, type EnterpriseView } from './enterprise-queries.js';

const EXPORT_LIMIT = 100;

@ApiTags('enterprises')
@Controller('enterprises')
export class EnterpriseQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(...CASEWORK_READERS)
  list(@Query() filter: ListEnterprisesQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListEnterprisesQuery(filter, actor));
  }

  /** The enterprise ledger (企业台账) as a spreadsheet: every enterprise the caller sees that matches the filter. */
  @Get('export')
  @Allow(...CASEWORK_READERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="enterprises.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row, UTF-8 with a byte-order mark so spreadsheet programs read the Chinese right' })
  async export(@Query() filter: ListEnterprisesQueryDto, @CurrentActor() actor: Actor): Promise<string> {
    const rows: EnterpriseView[] = [];
    for (let page = 1; ; page++) {
      const result: Page<EnterpriseView> = await this.queries.execute(
        new ListEnterprisesQuery(Object.assign(new ListEnterprisesQueryDto(), filter, { page, pageSize: EXPORT_LIMIT }), actor),
      );
      rows.push(...result.items);
      if (rows.length >= result.total || result.items.length === 0) break;
    }
    return toCsv(
      ['id', 'name', 'creditCode', 'ownership', 'industry', 'unitName', 'employeeCount', 'womenEmployeeCount', 'registeredOn', 'status', 'unionizedOn'],
      rows.map((row) => [
        row.id,
        row.name,
        row.creditCode,
        row.ownership,
        row.industry,
        row.unitName,
        row.employeeCount,
        row.womenEmployeeCount,
        row.registeredOn,
        row.status,
        row.unionizedOn,
      ]),
    );
  }

  @Get(':id')
  @Allow(...CASEWORK_READERS)
  async get(@IdParam() id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const enterprise = await this.queries.execute(new GetEnterpriseQuery(id, actor));
    response.setHeader('ETag', etagFor(enterprise.revision));
    return enterprise;
  }
}
