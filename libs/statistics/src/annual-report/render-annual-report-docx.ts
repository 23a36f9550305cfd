import {
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { AnnualReport, ReportFigure } from './compose-annual-report.js';

const ORDINALS_ZH = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const WORDS = {
  zh: { figures: '统计数据', figure: '指标', value: '数值', target: '目标', cases: '案件明细', link: '查看', attainment: '完成' },
  en: { figures: 'Figures', figure: 'Figure', value: 'Value', target: 'Target', cases: 'Cases behind it', link: 'open', attainment: 'attained' },
} as const;

export interface DocxOptions {
  /** Prefix for the drill-down links, such as https://unioncase.example.org: a Word document needs absolute links. */
  readonly linkBase?: string;
}

/**
 * The report as a Word document: title and period, each section's heading and paragraphs, then a table of every
 * figure with its value, its target, and a link to the cases behind it.
 */
export async function renderAnnualReportDocx(report: AnnualReport, options: DocxOptions = {}): Promise<Buffer> {
  const words = WORDS[report.language];
  const heading = (index: number, text: string) =>
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.language === 'zh' ? `${ORDINALS_ZH[index] ?? index + 1}、${text}` : `${index + 1}. ${text}`)] });
  const body = report.sections.flatMap((section, index) => [
    heading(index, section.heading),
    ...section.paragraphs.map((paragraph) => new Paragraph({ children: [new TextRun(paragraph.text)], spacing: { after: 120 } })),
  ]);
  const figures = report.sections.map((section) => section.figures.map((id) => report.figures.find((figure) => figure.id === id)!).filter(Boolean));
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE } });
  const text = (value: string, bold = false) => new Paragraph({ children: [new TextRun({ text: value, bold })] });
  const row = (figure: ReportFigure) =>
    new TableRow({
      children: [
        cell([text(figure.label)], 40),
        cell([text(figure.formatted)], 20),
        cell([text(figure.target ? `${figure.target.formatted}${figure.target.attainment ? ` (${words.attainment} ${figure.target.attainment})` : ''}` : '')], 22),
        cell(
          [
            new Paragraph({
              children: [new ExternalHyperlink({ link: `${options.linkBase ?? ''}${figure.drillDown}`, children: [new TextRun({ text: words.link, style: 'Hyperlink' })] })],
            }),
          ],
          18,
        ),
      ],
    });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell([text(words.figure, true)], 40), cell([text(words.value, true)], 20), cell([text(words.target, true)], 22), cell([text(words.cases, true)], 18)] }),
      ...figures.flat().map(row),
    ],
  });
  const document = new Document({
    title: report.title,
    creator: 'UnionCase',
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' }, size: 24 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
          new Paragraph({ children: [new TextRun({ text: report.subtitle, italics: true })], spacing: { after: 240 } }),
          ...body,
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(words.figures)] }),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
