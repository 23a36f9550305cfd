import { Controller, Get, Query as QueryParams, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow, AsOfQueryDto, CASEWORK_READERS, CurrentActor, IdParam, type Actor } from '#http';
import { spreadsheetFile } from '../audit-queries/spreadsheet.js';
import { FundBalanceQuery, FundLedgerQuery, GetFundQuery, ListFundsQuery, ListFundsQueryDto, type FundLedgerPage } from './fund-queries.js';
import { ledgerSheet } from './ledger-sheet.js';
import { ExportQueryDto, PagedPeriodQueryDto } from './period.js';

const SPREADSHEET_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

@ApiTags('funds')
@Controller('funds')
export class FundQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '经费账户 / Funds of your units, of the units below and of the units above (whose funds your cases draw on)' })
  list(@QueryParams() filter: ListFundsQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListFundsQuery(filter, actor));
  }

  @Get(':fundId')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '账户余额、冻结与可用金额及各资金池 / A fund: balance, reserved for approved grants, available, and its pools' })
  get(@IdParam('fundId') fundId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetFundQuery(fundId, actor));
  }

  @Get(':fundId/ledger')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '经费日记账 / Every movement of the fund in the period, oldest first, with the balance after each' })
  ledger(@IdParam('fundId') fundId: string, @QueryParams() query: PagedPeriodQueryDto, @CurrentActor() actor: Actor): Promise<FundLedgerPage> {
    return this.queries.execute(new FundLedgerQuery(fundId, query, actor, query));
  }

  @Get(':fundId/ledger/export')
  @Allow(...CASEWORK_READERS)
  @ApiProduces(...SPREADSHEET_TYPES)
  @ApiOperation({ summary: '导出经费日记账（CSV 或 Excel） / The fund’s ledger in the period as CSV or XLSX, amounts in yuan' })
  async export(@IdParam('fundId') fundId: string, @QueryParams() query: ExportQueryDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const ledger: FundLedgerPage = await this.queries.execute(new FundLedgerQuery(fundId, query, actor, null));
    return spreadsheetFile(ledgerSheet(ledger.fundName, ledger.items), query.format);
  }

  @Get(':fundId/balance')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '某时点余额 / The balance, reserved and available amounts as of a date or instant, and the last movement counted' })
  @ApiOkResponse({ description: '按发生时间截至 asOf 的全部收支 / Every movement that happened by asOf, in log order' })
  balance(@IdParam('fundId') fundId: string, @QueryParams() query: AsOfQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new FundBalanceQuery(fundId, query.asOf, actor));
  }
}
