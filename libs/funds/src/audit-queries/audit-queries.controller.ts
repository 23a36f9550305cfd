import { Controller, Get, Query as QueryParams, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow, CASEWORK_READERS, CurrentActor, IdParam, type Actor } from '#http';
import { DisbursementsExportDto, DisbursementsQuery, DisbursementsQueryDto, disbursementSheet, type Disbursements } from './disbursements.js';
import { ReconciliationQuery, ReconciliationQueryDto } from './reconciliation.js';
import { ReplayFundQuery, ReplayQueryDto } from './replay.js';
import { spreadsheetFile } from './spreadsheet.js';

/**
 * The audit committee's questions (经审): every payment with its approval, case and receipt; totals reconciled per
 * fund and per programme; a fund's ledger rebuilt from its events. Registered before the funds controller, so
 * /funds/reconciliation is not taken for a fund id.
 */
@ApiTags('audit')
@Controller()
export class AuditQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('funds/reconciliation')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '账户与项目对账 / Per fund: opening, in, out, closing (from the ledger and from the events); per programme: grants paid vs ledgers paid out' })
  reconciliation(@QueryParams() filter: ReconciliationQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ReconciliationQuery(filter, actor));
  }

  @Get('funds/:fundId/replay')
  @Allow('auditor', 'supervisor')
  @ApiOperation({ summary: '由事件重放账户日记账并逐行核对 / The fund’s ledger rebuilt from its events alone, compared line by line with the stored ledger' })
  replay(@IdParam('fundId') fundId: string, @QueryParams() query: ReplayQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ReplayFundQuery(fundId, query.asOf, actor));
  }

  @Get('disbursements')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '补助发放台账 / Every payment in the period (by paid-on date) with its proposal, approval, case, receipt, reversal and events' })
  disbursements(@QueryParams() query: DisbursementsQueryDto, @CurrentActor() actor: Actor): Promise<Disbursements> {
    return this.queries.execute(new DisbursementsQuery(query, actor, query));
  }

  @Get('disbursements/export')
  @Allow(...CASEWORK_READERS)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '导出补助发放台账（CSV 或 Excel） / The payments in the period as CSV or XLSX, amounts in yuan' })
  async exportDisbursements(@QueryParams() query: DisbursementsExportDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const { format, ...filter } = query;
    const all: Disbursements = await this.queries.execute(new DisbursementsQuery(filter, actor, null));
    return spreadsheetFile(disbursementSheet(all.items), format);
  }
}
