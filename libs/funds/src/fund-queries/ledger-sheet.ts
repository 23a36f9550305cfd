import { negateFen, shanghaiDate } from '#shared-kernel';
import { Yuan, type Sheet } from '../audit-queries/spreadsheet.js';
import type { FundLedgerEntry, LedgerKind } from '../read-model/fund-ledger.js';

const SUMMARIES: Record<LedgerKind, (entry: FundLedgerEntry) => string> = {
  opened: (entry) => `开户：${entry.description ?? ''}`,
  allocation: (entry) => `拨款：${entry.counterpart ?? ''}`,
  donation: (entry) => `捐赠：${entry.counterpart ?? ''}${entry.pool && entry.pool !== 'general' ? `（限定用途 ${entry.pool}）` : ''}`,
  contributions: (entry) => `会员互助金缴纳：${entry.description ?? ''}`,
  transfer_in: (entry) => `调入：${entry.description ?? ''}`,
  transfer_out: (entry) => `调出：${entry.description ?? ''}`,
  reservation: () => '批准补助，冻结金额',
  release: () => '撤销补助，解除冻结',
  payout: () => '发放补助',
  payout_reversal: (entry) => `冲回发放：${entry.description ?? ''}`,
};

/** A fund's cash book (日记账) as a spreadsheet: 日期, 摘要, 收入, 支出, 余额 in yuan, then what an auditor traces a line by. */
export function ledgerSheet(fundName: string, entries: readonly (FundLedgerEntry & { actorName?: string | null })[]): Sheet {
  return {
    title: `${fundName}`.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || '经费日记账',
    fileName: 'fund-ledger',
    header: [
      '日期', '摘要', '收入(元)', '支出(元)', '余额(元)', '冻结(元)', '解冻(元)', '冻结余额(元)', '业务日期', '对方单位或凭证', '资金池', '补助编号',
      '经办人', '事件编号', '日志位置', '版本',
    ],
    rows: entries.map((entry) => [
      shanghaiDate(new Date(entry.occurredAt)),
      SUMMARIES[entry.kind](entry),
      entry.amountFen > 0 ? new Yuan(entry.amountFen) : null,
      entry.amountFen < 0 ? new Yuan(negateFen(entry.amountFen)) : null,
      new Yuan(entry.balanceAfterFen),
      entry.reservedChangeFen > 0 ? new Yuan(entry.reservedChangeFen) : null,
      entry.reservedChangeFen < 0 ? new Yuan(negateFen(entry.reservedChangeFen)) : null,
      new Yuan(entry.reservedAfterFen),
      entry.valueDate,
      entry.counterpart,
      entry.pool,
      entry.grantId,
      entry.actorName ?? entry.actor,
      entry.eventId,
      entry.position,
      entry.revision,
    ]),
  };
}
