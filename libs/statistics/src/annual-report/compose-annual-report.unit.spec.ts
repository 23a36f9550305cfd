import type { MetricKey } from '../metrics.js';
import type { FigureInput } from './annual-report.figures.js';
import { composeAnnualReport, type AnnualReport } from './compose-annual-report.js';
import { formatAttainment, formatBasisPoints, formatFen } from './report-format.js';

const unit = { id: '0d4c2a57-3f7e-4a55-9b1a-5c1f2e9d7a10', name: '尧都区总工会' };
const period = { from: '2026-01-01', to: '2026-12-31' };
const f = (key: MetricKey, value: bigint | null, dimensions: Record<string, string> = {}, target?: bigint): FigureInput => ({
  key,
  dimensions,
  value,
  ...(target !== undefined ? { target } : {}),
});

/** The seeds' own figures: 79 unions (57 independent, 22 joint covering 1,064), 125,500 yuan to 276 households, ... */
const SEEDED: FigureInput[] = [
  f('unions_founded', 79n, {}, 55n),
  f('unions_founded', 57n, { unionKind: 'independent' }),
  f('unions_founded', 22n, { unionKind: 'joint' }),
  f('unions_founded', 0n, { unionKind: 'industry' }),
  f('enterprises_covered_by_new_unions', 1121n),
  f('enterprises_covered_by_new_unions', 57n, { unionKind: 'independent' }),
  f('enterprises_covered_by_new_unions', 1064n, { unionKind: 'joint' }),
  f('members_enrolled', 3200n),
  f('unionization_rate', 7210n),
  f('wage_talks_opened', 40n),
  f('enterprises_covered_by_agreements', 378n),
  f('enterprises_covered_by_agreements', 185n, { scope: 'enterprise' }),
  f('enterprises_covered_by_agreements', 135n, { scope: 'regional' }),
  f('enterprises_covered_by_agreements', 58n, { scope: 'industry' }),
  f('wage_talks_coverage_rate', 9000n),
  f('hardship_files_opened', 12n),
  f('households_helped', 333n),
  f('aid_paid_fen', 19_250_000n),
  f('households_helped:winter_warmth', 276n),
  f('aid_paid_fen:winter_warmth', 12_550_000n),
  f('households_helped:golden_autumn_education', 57n),
  f('aid_paid_fen:golden_autumn_education', 6_700_000n),
  f('job_seekers_registered', 3572n),
  f('people_trained', 500n),
  f('people_rehired', 300n, {}, 300n),
  f('positions_offered', 7330n),
];

const texts = (report: AnnualReport) => Object.fromEntries(report.sections.map((section) => [section.key, section.paragraphs.map((p) => p.text)]));

describe('composing the statistics section of a work report', () => {
  it('writes the figures in Chinese the way the seeds do', () => {
    const report = composeAnnualReport(SEEDED, { language: 'zh', unit, period });
    expect(report.title).toBe('尧都区总工会2026年度工作统计');
    expect(report.subtitle).toBe('统计期：2026-01-01至2026-12-31');
    expect(report.sections.map((section) => section.heading)).toEqual(['组织建设', '工资集体协商', '困难职工帮扶', '就业援助']);
    expect(texts(report)).toEqual({
      organizing: [
        '新建基层工会79家，其中单独建会57家、联合工会22家（覆盖企业1064家），共覆盖企业1121家，新发展会员3200人。',
        '非公企业建会率72.10%。',
        '对照年度目标：新建基层工会79家，目标55家，完成143.6%。',
      ],
      bargaining: ['发出工资集体协商要约40份，工资集体合同覆盖企业378家，其中区域性协商覆盖企业135家、行业性协商覆盖企业58家，建会企业工资集体协商覆盖率90.00%。'],
      hardship: [
        '新建档困难职工12户，全年帮扶困难职工333户，发放帮扶资金192,500.00元。',
        '其中：送温暖慰问困难职工276户，发放慰问金125,500.00元；金秋助学资助57名学生67,000.00元。',
      ],
      employment: ['登记求职人员3572人，完成技能培训500人，实现再就业300人，提供就业岗位7330个。', '对照年度目标：实现再就业300人，目标300人，完成100.0%。'],
    });
  });

  it('writes the same figures in English', () => {
    const report = composeAnnualReport(SEEDED, { language: 'en', unit: { ...unit, name: 'Yaodu District Federation of Trade Unions' }, period, asOf: '2026-06-30T15:59:59.999Z' });
    expect(report.title).toBe('Yaodu District Federation of Trade Unions: statistics for 2026');
    expect(report.subtitle).toBe('Period: 2026-01-01 to 2026-12-31; figures as the records stood at 2026-06-30T15:59:59.999Z');
    expect(texts(report)).toEqual({
      organizing: [
        '79 new grassroots unions were founded: 57 independent and 22 joint (covering 1,064 enterprises); in all they cover 1,121 enterprises; 3,200 members were enrolled.',
        'The unionization rate of non-public enterprises is 72.10%.',
        "Against the year's targets: new grassroots unions: 79 against a target of 55, 143.6% attained.",
      ],
      bargaining: [
        '40 offers to negotiate wages were sent; wage agreements cover 378 enterprises, of which 135 by regional and 58 by industry-wide agreements; the wage-talk coverage rate of unionized enterprises is 90.00%.',
      ],
      hardship: [
        '12 hardship files were opened; 333 households were helped with 192,500.00 yuan of aid.',
        'Winter warmth: 125,500.00 yuan to 276 households; education grants: 67,000.00 yuan to 57 students.',
      ],
      employment: [
        '3,572 job seekers were registered; 500 people completed training; 300 people were re-employed; 7,330 positions were offered.',
        "Against the year's targets: people rehired: 300 against a target of 300, 100.0% attained.",
      ],
    });
  });

  it('gives every figure its value, measure, formatting and the drill-down with the same unit, period, instant and dimensions', () => {
    const report = composeAnnualReport(SEEDED, { language: 'zh', unit, period, asOf: '2026-06-30T15:59:59.999Z' });
    const byId = new Map(report.figures.map((figure) => [figure.id, figure]));
    expect(byId.get('unions_founded[unionKind=joint]')).toEqual({
      id: 'unions_founded[unionKind=joint]',
      key: 'unions_founded',
      dimensions: { unionKind: 'joint' },
      label: '新建基层工会（联合工会）',
      value: '22',
      measure: 'count',
      formatted: '22家',
      drillDown: `/api/statistics/unions_founded/cases?unitId=${unit.id}&from=2026-01-01&to=2026-12-31&asOf=2026-06-30T15%3A59%3A59.999Z&unionKind=joint`,
    });
    expect(byId.get('aid_paid_fen:winter_warmth')).toMatchObject({
      value: '12550000',
      measure: 'fen',
      formatted: '125,500.00元',
      drillDown: `/api/statistics/aid_paid_fen%3Awinter_warmth/cases?unitId=${unit.id}&from=2026-01-01&to=2026-12-31&asOf=2026-06-30T15%3A59%3A59.999Z`,
    });
    expect(byId.get('unionization_rate')).toMatchObject({ value: '7210', measure: 'basis_points', formatted: '72.10%' });
    expect(byId.get('unions_founded')).toMatchObject({ target: { value: '55', formatted: '55家', attainment: '143.6%' } });
    // A zero sub-figure nobody quotes is not listed; a total is, even at zero.
    expect(byId.has('unions_founded[unionKind=industry]')).toBe(false);
    expect(byId.get('hardship_files_opened')).toBeDefined();
    // Every figure a sentence quotes is in the list.
    const quoted = report.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.figures));
    expect(quoted.filter((id) => !byId.has(id))).toEqual([]);
    expect(report.sections[0].paragraphs[0].figures).toEqual([
      'unions_founded',
      'unions_founded[unionKind=independent]',
      'unions_founded[unionKind=joint]',
      'enterprises_covered_by_new_unions[unionKind=joint]',
      'enterprises_covered_by_new_unions',
      'members_enrolled',
    ]);
  });

  it('leaves out zero lines, says when a section has nothing, and gives a rate over nothing as a dash', () => {
    const sparse = [f('unions_founded', 0n), f('unionization_rate', null), f('wage_talks_coverage_rate', null), f('people_rehired', 1n)];
    const zh = composeAnnualReport(sparse, { language: 'zh', unit, period: { from: '2026-01-01', to: '2026-06-30' } });
    expect(zh.title).toBe('尧都区总工会2026-01-01至2026-06-30工作统计');
    expect(texts(zh)).toEqual({ organizing: ['本期未新建基层工会。'], bargaining: ['本期无相关记录。'], hardship: ['本期无相关记录。'], employment: ['实现再就业1人。'] });
    expect(zh.figures.find((figure) => figure.id === 'unionization_rate')).toMatchObject({ value: null, formatted: '—' });
    const en = composeAnnualReport(sparse, { language: 'en', unit, period });
    expect(texts(en)).toEqual({
      organizing: ['No new grassroots union was founded.'],
      bargaining: ['Nothing was recorded in the period.'],
      hardship: ['Nothing was recorded in the period.'],
      employment: ['1 person was re-employed.'],
    });
  });
});

describe('report formatting', () => {
  it('formats fen as yuan from the integer alone, even beyond a float’s exact range', () => {
    expect(formatFen(12_550_000n)).toBe('125,500.00');
    expect(formatFen(5n)).toBe('0.05');
    expect(formatFen(-120n)).toBe('-1.20');
    expect(formatFen(9_007_199_254_740_993n)).toBe('90,071,992,547,409.93');
  });

  it('formats basis points and attainment with fixed decimals', () => {
    expect(formatBasisPoints(7210n)).toBe('72.10%');
    expect(formatBasisPoints(5n)).toBe('0.05%');
    expect(formatBasisPoints(10000n)).toBe('100.00%');
    expect(formatAttainment(79n, 55n)).toBe('143.6%');
    expect(formatAttainment(1n, 3n)).toBe('33.3%');
    expect(formatAttainment(2n, 3n)).toBe('66.7%');
    expect(formatAttainment(1n, 0n)).toBeNull();
  });
});
