import type { FigureInput } from './annual-report.figures.js';
import { composeAnnualReport } from './compose-annual-report.js';
import { renderAnnualReportDocx } from './render-annual-report-docx.js';
import { readZip, wordText } from './testing/read-zip.js';

const unit = { id: '0d4c2a57-3f7e-4a55-9b1a-5c1f2e9d7a10', name: '尧都区总工会' };
const figures: FigureInput[] = [
  { key: 'unions_founded', dimensions: {}, value: 79n, target: 55n },
  { key: 'unions_founded', dimensions: { unionKind: 'joint' }, value: 22n },
  { key: 'enterprises_covered_by_new_unions', dimensions: { unionKind: 'joint' }, value: 1064n },
  { key: 'aid_paid_fen:winter_warmth', dimensions: {}, value: 12_550_000n },
  { key: 'households_helped:winter_warmth', dimensions: {}, value: 276n },
  { key: 'unionization_rate', dimensions: {}, value: 7210n },
];

describe('the annual report as a Word document', () => {
  it('is a valid .docx whose document holds the title, the sections, every figure and a link to its cases', async () => {
    const report = composeAnnualReport(figures, { language: 'zh', unit, period: { from: '2026-01-01', to: '2026-12-31' } });
    const docx = await renderAnnualReportDocx(report, { linkBase: 'https://unioncase.example.org' });
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = readZip(docx);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/_rels/document.xml.rels']));
    const text = wordText(files.get('word/document.xml')!.toString('utf8'));
    expect(text).toContain('尧都区总工会2026年度工作统计');
    expect(text).toContain('一、组织建设');
    expect(text).toContain('四、就业援助');
    expect(text).toContain('新建基层工会79家，其中联合工会22家（覆盖企业1064家）。');
    expect(text).toContain('送温暖慰问困难职工276户，发放慰问金125,500.00元');
    for (const figure of report.figures) expect(text).toContain(`${figure.label}${figure.formatted}`);
    expect(text).toContain('55家 (完成 143.6%)');
    const relationships = files.get('word/_rels/document.xml.rels')!.toString('utf8');
    for (const figure of report.figures) {
      const link = `https://unioncase.example.org${figure.drillDown}`.replace(/&/g, '&amp;');
      expect(relationships).toContain(`Target="${link}"`);
    }
  });

  it('writes the English report in English', async () => {
    const report = composeAnnualReport(figures, { language: 'en', unit: { ...unit, name: 'Yaodu District' }, period: { from: '2026-01-01', to: '2026-06-30' } });
    const text = wordText(readZip(await renderAnnualReportDocx(report)).get('word/document.xml')!.toString('utf8'));
    expect(text).toContain('Yaodu District: statistics for 2026-01-01 to 2026-06-30');
    expect(text).toContain('1. Organizing');
    expect(text).toContain('Winter warmth: 125,500.00 yuan to 276 households.');
    expect(text).toContain('Aid paid: winter warmth125,500.00 yuan');
  });
});
