import { StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { toCsv } from '#http';
import { formatYuan, type Fen } from '#shared-kernel';
import type { ExportFormat } from '../fund-queries/period.js';

type Cell = string | number | boolean | null | undefined;

/** A money cell: in CSV yuan with two decimals (no thousands separators, so it reads back as a number), in a workbook a number of yuan shown with two decimals. */
export class Yuan {
  constructor(readonly fen: Fen) {}
}

export interface Sheet {
  /** The worksheet's tab and the file's name stem. */
  readonly title: string;
  readonly fileName: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly (Cell | Yuan | null)[])[];
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function toXlsx(sheet: Sheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'UnionCase';
  const worksheet = workbook.addWorksheet(sheet.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.addRow([...sheet.header]).font = { bold: true };
  for (const row of sheet.rows) {
    // Strings stay strings in a workbook (a leading = is text, never a formula); fen become yuan only for display.
    const added = worksheet.addRow(row.map((cell) => (cell instanceof Yuan ? cell.fen / 100 : (cell ?? null))));
    row.forEach((cell, index) => {
      if (cell instanceof Yuan) added.getCell(index + 1).numFmt = '#,##0.00';
    });
  }
  sheet.header.forEach((title, index) => {
    worksheet.getColumn(index + 1).width = Math.max(10, Math.min(40, title.length * 2 + 4));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The sheet as a CSV (UTF-8 with BOM, for Excel) or an XLSX workbook download. */
export async function spreadsheetFile(sheet: Sheet, format: ExportFormat): Promise<StreamableFile> {
  if (format === 'xlsx') {
    return new StreamableFile(await toXlsx(sheet), { type: XLSX_TYPE, disposition: `attachment; filename="${sheet.fileName}.xlsx"` });
  }
  const csv = toCsv(
    sheet.header,
    sheet.rows.map((row) => row.map((cell) => (cell instanceof Yuan ? formatYuan(cell.fen).replace(/,/g, '') : cell))),
  );
  return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${sheet.fileName}.csv"` });
}
