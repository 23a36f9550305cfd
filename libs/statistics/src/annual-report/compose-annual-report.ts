import { metricDefinition, PROGRAMME_NAMES, type Measure, type MetricKey } from '../metrics.js';
import {
  AID_PROGRAMMES,
  figureId,
  TALKS_SCOPE_NAMES,
  TALKS_SCOPES,
  UNION_KIND_NAMES,
  UNION_KINDS,
  type FigureInput,
  type FigureRequest,
} from './annual-report.figures.js';
import { formatAttainment, formatFen, formatValue, type ReportLanguage } from './report-format.js';

export interface ReportPeriod {
  /** First and last day, Asia/Shanghai, both included. */
  readonly from: string;
  readonly to: string;
}

export interface ComposeOptions {
  readonly language: ReportLanguage;
  readonly unit: { readonly id: string; readonly name: string };
  readonly period: ReportPeriod;
  /** The instant the log was read at, ISO; null for now. */
  readonly asOf?: string | null;
}

export interface ReportFigure {
  /** Unique within the report: the metric and its dimensions. */
  readonly id: string;
  readonly key: MetricKey;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly label: string;
  /** In the measure: a count, fen, or basis points; a string so money stays exact. Null for a rate over nothing. */
  readonly value: string | null;
  readonly measure: Measure;
  readonly formatted: string;
  readonly target?: { readonly value: string; readonly formatted: string; readonly attainment: string | null };
  /** The cases and events behind the figure: the statistics drill-down for the same unit, period, instant and dimensions. */
  readonly drillDown: string;
}

export interface ReportParagraph {
  readonly text: string;
  /** The ids of the figures the sentence quotes, in order. */
  readonly figures: readonly string[];
}

export type SectionKey = 'organizing' | 'bargaining' | 'hardship' | 'employment';

export interface ReportSection {
  readonly key: SectionKey;
  readonly heading: string;
  readonly paragraphs: readonly ReportParagraph[];
  /** Every figure of the section, quoted or not, for the table. */
  readonly figures: readonly string[];
}

export interface AnnualReport {
  readonly language: ReportLanguage;
  readonly title: string;
  /** "数据截至…" / "Figures as the records stood at …", or the period alone when read now. */
  readonly subtitle: string;
  readonly unit: { readonly id: string; readonly name: string };
  readonly period: ReportPeriod;
  readonly asOf: string | null;
  readonly sections: readonly ReportSection[];
  readonly figures: readonly ReportFigure[];
}

/** The statistics drill-down route for a figure, with the same unit, period, instant and dimensions. */
export function drillDownUrl(request: FigureRequest, options: Pick<ComposeOptions, 'unit' | 'period' | 'asOf'>): string {
  const query = new URLSearchParams({ unitId: options.unit.id, from: options.period.from, to: options.period.to });
  if (options.asOf) query.set('asOf', options.asOf);
  for (const [name, value] of Object.entries(request.dimensions).sort(([a], [b]) => a.localeCompare(b))) query.set(name, value);
  return `/api/statistics/${encodeURIComponent(request.key)}/cases?${query.toString()}`;
}

const SECTION_HEADINGS: Record<SectionKey, { zh: string; en: string }> = {
  organizing: { zh: '组织建设', en: 'Organizing' },
  bargaining: { zh: '工资集体协商', en: 'Collective wage negotiation' },
  hardship: { zh: '困难职工帮扶', en: 'Help for workers in hardship' },
  employment: { zh: '就业援助', en: 'Re-employment' },
};

const NOTHING = { zh: '本期无相关记录。', en: 'Nothing was recorded in the period.' };

/**
 * The statistics section of a work summary, written the way the federations' own reports write it, from figures
 * computed elsewhere. Pure: the same figures give the same text. A clause whose figure is zero is left out; a
 * section with nothing to say says so.
 */
export function composeAnnualReport(inputs: readonly FigureInput[], options: ComposeOptions): AnnualReport {
  const { language } = options;
  const byId = new Map(inputs.map((input) => [figureId(input), input]));
  const figures = new Map<string, ReportFigure>();

  /** The figure's value (0 when not computed), registering it for the figure list. */
  const use = (key: MetricKey, dimensions: Record<string, string> = {}): Quoted => {
    const request = { key, dimensions };
    const id = figureId(request);
    const input = byId.get(id);
    const value = input ? input.value : 0n;
    const { measure, label } = metricDefinition(key);
    if (!figures.has(id)) {
      const target = input?.target;
      figures.set(id, {
        id,
        key,
        dimensions,
        label: labelOf(label[language], dimensions, language),
        value: value === null ? null : value.toString(),
        measure,
        formatted: withCountWord(formatValue(value, measure, language), key, measure, language),
        ...(target !== undefined
          ? {
              target: {
                value: target.toString(),
                formatted: withCountWord(formatValue(target, measure, language), key, measure, language),
                attainment: value === null ? null : formatAttainment(value, target),
              },
            }
          : {}),
        drillDown: drillDownUrl(request, options),
      });
    }
    // In a sentence money is the bare amount: the sentence says 元 or yuan where the language puts it.
    return { id, value, text: measure === 'fen' && value !== null ? formatFen(value) : formatValue(value, measure, language) };
  };

  const sections: ReportSection[] = [
    section('organizing', organizing(use, language)),
    section('bargaining', bargaining(use, language)),
    section('hardship', hardship(use, language)),
    section('employment', employment(use, language)),
  ].map((built) => {
    const targets = targetSentence(built.figures.map((id) => figures.get(id)!), language);
    return targets ? { ...built, paragraphs: [...built.paragraphs, targets] } : built;
  });

  function section(key: SectionKey, written: Written): ReportSection {
    const paragraphs = written.paragraphs.filter((paragraph) => paragraph.text !== '');
    return {
      key,
      heading: SECTION_HEADINGS[key][language],
      paragraphs: paragraphs.length ? paragraphs : [{ text: NOTHING[language], figures: [] }],
      figures: written.figures.filter((id) => figures.has(id)),
    };
  }

  const { from, to } = options.period;
  const wholeYear = from.slice(5) === '01-01' && to.slice(5) === '12-31' && from.slice(0, 4) === to.slice(0, 4);
  const periodText =
    language === 'zh'
      ? wholeYear
        ? `${from.slice(0, 4)}年度`
        : `${from}至${to}`
      : wholeYear
        ? `${from.slice(0, 4)}`
        : `${from} to ${to}`;
  const title = language === 'zh' ? `${options.unit.name}${periodText}工作统计` : `${options.unit.name}: statistics for ${periodText}`;
  const asOf = options.asOf ?? null;
  const subtitle =
    language === 'zh'
      ? `统计期：${from}至${to}${asOf ? `；数据截至${asOf}` : ''}`
      : `Period: ${from} to ${to}${asOf ? `; figures as the records stood at ${asOf}` : ''}`;

  // The figures the report shows: those the sections list or quote (a zero sub-figure nobody quotes is left out).
  const shown = new Set(sections.flatMap((built) => [...built.figures, ...built.paragraphs.flatMap((paragraph) => paragraph.figures)]));
  return { language, title, subtitle, unit: options.unit, period: options.period, asOf, sections, figures: [...figures.values()].filter((figure) => shown.has(figure.id)) };
}

interface Quoted {
  readonly id: string;
  readonly value: bigint | null;
  /** Formatted for a sentence (in Chinese, money without 元, which the sentence supplies). */
  readonly text: string;
}
type Use = (key: MetricKey, dimensions?: Record<string, string>) => Quoted;
interface Written {
  readonly paragraphs: ReportParagraph[];
  readonly figures: string[];
}

const nonZero = (quoted: Quoted) => quoted.value !== null && quoted.value !== 0n;

/** Joins clauses the way each language lists them: 、 and ， in Chinese; commas and "and" in English. */
function list(items: string[], language: ReportLanguage): string {
  if (language === 'zh') return items.join('、');
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function sentence(clauses: string[], language: ReportLanguage): string {
  if (clauses.length === 0) return '';
  if (language === 'zh') return `${clauses.join('，')}。`;
  const text = clauses.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(clauses: { text: string; figures: Quoted[] }[], language: ReportLanguage): ReportParagraph {
  return { text: sentence(clauses.map((clause) => clause.text), language), figures: clauses.flatMap((clause) => clause.figures.map((figure) => figure.id)) };
}

function organizing(use: Use, language: ReportLanguage): Written {
  const founded = use('unions_founded');
  const kinds = UNION_KINDS.map((unionKind) => ({ unionKind, unions: use('unions_founded', { unionKind }), covered: use('enterprises_covered_by_new_unions', { unionKind }) }));
  const covered = use('enterprises_covered_by_new_unions');
  const members = use('members_enrolled');
  const rate = use('unionization_rate');
  const clauses: { text: string; figures: Quoted[] }[] = [];
  const shown = kinds.filter((kind) => nonZero(kind.unions));
  // Coverage is worth saying per kind only for unions that cover many enterprises (joint, building-joint, regional).
  const kindText = (kind: (typeof shown)[number]) => {
    const name = UNION_KIND_NAMES[kind.unionKind][language];
    const coverage = kind.unionKind !== 'independent' && nonZero(kind.covered);
    return language === 'zh'
      ? `${name}${kind.unions.text}家${coverage ? `（覆盖企业${kind.covered.text}家）` : ''}`
      : `${kind.unions.text} ${name}${coverage ? ` (covering ${kind.covered.text} enterprises)` : ''}`;
  };
  if (nonZero(founded)) {
    const parts = shown.map(kindText);
    const used = shown.flatMap((kind) => (kind.unionKind !== 'independent' && nonZero(kind.covered) ? [kind.unions, kind.covered] : [kind.unions]));
    clauses.push(
      language === 'zh'
        ? { text: `新建基层工会${founded.text}家${parts.length ? `，其中${list(parts, language)}` : ''}`, figures: [founded, ...used] }
        : { text: `${founded.text} new grassroots unions were founded${parts.length ? `: ${list(parts, language)}` : ''}`, figures: [founded, ...used] },
    );
    if (nonZero(covered)) clauses.push({ text: language === 'zh' ? `共覆盖企业${covered.text}家` : `in all they cover ${covered.text} enterprises`, figures: [covered] });
  } else {
    clauses.push({ text: language === 'zh' ? '本期未新建基层工会' : 'no new grassroots union was founded', figures: [founded] });
  }
  if (nonZero(members)) clauses.push({ text: language === 'zh' ? `新发展会员${members.text}人` : `${members.text} members were enrolled`, figures: [members] });
  const paragraphs = [paragraph(clauses, language)];
  if (rate.value !== null) {
    paragraphs.push(
      paragraph([{ text: language === 'zh' ? `非公企业建会率${rate.text}` : `the unionization rate of non-public enterprises is ${rate.text}`, figures: [rate] }], language),
    );
  }
  return { paragraphs, figures: [founded, ...kinds.flatMap((kind) => [kind.unions, kind.covered]), covered, members, rate].filter(quotedOrBase).map((quoted) => quoted.id) };
}

function bargaining(use: Use, language: ReportLanguage): Written {
  const opened = use('wage_talks_opened');
  const covered = use('enterprises_covered_by_agreements');
  const scopes = TALKS_SCOPES.map((scope) => ({ scope, covered: use('enterprises_covered_by_agreements', { scope }) }));
  const rate = use('wage_talks_coverage_rate');
  const clauses: { text: string; figures: Quoted[] }[] = [];
  if (nonZero(opened)) clauses.push({ text: language === 'zh' ? `发出工资集体协商要约${opened.text}份` : `${opened.text} offers to negotiate wages were sent`, figures: [opened] });
  if (nonZero(covered)) {
    const shown = scopes.filter((scope) => nonZero(scope.covered) && scope.scope !== 'enterprise');
    const parts = shown.map((scope) =>
      language === 'zh'
        ? `${TALKS_SCOPE_NAMES[scope.scope].zh}协商覆盖企业${scope.covered.text}家`
        : `${scope.covered.text} by ${TALKS_SCOPE_NAMES[scope.scope].en}`,
    );
    clauses.push(
      language === 'zh'
        ? { text: `工资集体合同覆盖企业${covered.text}家${parts.length ? `，其中${list(parts, language)}` : ''}`, figures: [covered, ...shown.map((scope) => scope.covered)] }
        : { text: `wage agreements cover ${covered.text} enterprises${parts.length ? `, of which ${list(parts, language)} agreements` : ''}`, figures: [covered, ...shown.map((scope) => scope.covered)] },
    );
  }
  if (rate.value !== null) {
    clauses.push({ text: language === 'zh' ? `建会企业工资集体协商覆盖率${rate.text}` : `the wage-talk coverage rate of unionized enterprises is ${rate.text}`, figures: [rate] });
  }
  return { paragraphs: [paragraph(clauses, language)], figures: [opened, covered, ...scopes.map((scope) => scope.covered), rate].filter(quotedOrBase).map((quoted) => quoted.id) };
}

function hardship(use: Use, language: ReportLanguage): Written {
  const files = use('hardship_files_opened');
  const households = use('households_helped');
  const paid = use('aid_paid_fen');
  const programmes = AID_PROGRAMMES.map((programme) => ({ programme, households: use(`households_helped:${programme}`), paid: use(`aid_paid_fen:${programme}`) }));
  const overall: { text: string; figures: Quoted[] }[] = [];
  if (nonZero(files)) overall.push({ text: language === 'zh' ? `新建档困难职工${files.text}户` : `${files.text} hardship files were opened`, figures: [files] });
  if (nonZero(households) || nonZero(paid)) {
    overall.push(
      language === 'zh'
        ? { text: `全年帮扶困难职工${households.text}户，发放帮扶资金${paid.text}元`, figures: [households, paid] }
        : { text: `${households.text} households were helped with ${paid.text} yuan of aid`, figures: [households, paid] },
    );
  }
  const shown = programmes.filter((line) => nonZero(line.households) || nonZero(line.paid));
  const lines = shown.map((line) => ({ text: programmeClause(line.programme, line.households.text, line.paid.text, language), figures: [line.households, line.paid] }));
  const paragraphs = [paragraph(overall, language)];
  if (lines.length) {
    const text = language === 'zh' ? `其中：${lines.map((line) => line.text).join('；')}。` : `${lines.map((line) => line.text).join('; ')}.`;
    paragraphs.push({ text: language === 'zh' ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`, figures: lines.flatMap((line) => line.figures.map((figure) => figure.id)) });
  }
  return {
    paragraphs,
    figures: [files, households, paid, ...programmes.flatMap((line) => [line.households, line.paid])].filter(quotedOrBase).map((quoted) => quoted.id),
  };
}

function programmeClause(programme: (typeof AID_PROGRAMMES)[number], households: string, paid: string, language: ReportLanguage): string {
  const name = PROGRAMME_NAMES[programme][language];
  if (language === 'en') {
    const whom = programme === 'golden_autumn_education' ? 'students' : 'households';
    return `${name}: ${paid} yuan to ${households} ${whom}`;
  }
  switch (programme) {
    case 'winter_warmth':
      return `送温暖慰问困难职工${households}户，发放慰问金${paid}元`;
    case 'golden_autumn_education':
      return `金秋助学资助${households}名学生${paid}元`;
    case 'summer_cooling':
      return `夏送清凉慰问职工${households}户，发放${paid}元`;
    case 'cancer_screening':
      return `为${households}名女职工开展“两癌”筛查，投入${paid}元`;
    case 'in_kind':
      return `发放实物救助${households}户，折合${paid}元`;
    default:
      return `${name}${households}户，发放救助金${paid}元`;
  }
}

function employment(use: Use, language: ReportLanguage): Written {
  const registered = use('job_seekers_registered');
  const trained = use('people_trained');
  const rehired = use('people_rehired');
  const positions = use('positions_offered');
  const zh: [Quoted, string][] = [
    [registered, `登记求职人员${registered.text}人`],
    [trained, `完成技能培训${trained.text}人`],
    [rehired, `实现再就业${rehired.text}人`],
    [positions, `提供就业岗位${positions.text}个`],
  ];
  const en: [Quoted, string][] = [
    [registered, `${registered.text} job seekers were registered`],
    [trained, `${trained.text} people completed training`],
    [rehired, rehired.value === 1n ? '1 person was re-employed' : `${rehired.text} people were re-employed`],
    [positions, `${positions.text} positions were offered`],
  ];
  const clauses = (language === 'zh' ? zh : en).filter(([quoted]) => nonZero(quoted)).map(([quoted, text]) => ({ text, figures: [quoted] }));
  return { paragraphs: [paragraph(clauses, language)], figures: [registered, trained, rehired, positions].map((quoted) => quoted.id) };
}

/** A part of a total (a kind of union, a programme) goes in the table only when it is not zero; the totals always do. */
function quotedOrBase(quoted: Quoted): boolean {
  return !/[[:]/.test(quoted.id) || nonZero(quoted);
}

/** "对照年度目标：…" listing each figure of the section that has a target, with its attainment. */
function targetSentence(sectionFigures: readonly ReportFigure[], language: ReportLanguage): ReportParagraph | null {
  const withTargets = sectionFigures.filter((figure) => figure.target);
  if (withTargets.length === 0) return null;
  const parts = withTargets.map((figure) => {
    const target = figure.target!;
    const attainment = target.attainment ? (language === 'zh' ? `，完成${target.attainment}` : `, ${target.attainment} attained`) : '';
    if (language === 'zh') return `${figure.label}${figure.formatted}，目标${target.formatted}${attainment}`;
    return `${figure.label.charAt(0).toLowerCase()}${figure.label.slice(1)}: ${figure.formatted} against a target of ${target.formatted}${attainment}`;
  });
  return {
    text: language === 'zh' ? `对照年度目标：${parts.join('；')}。` : `Against the year's targets: ${parts.join('; ')}.`,
    figures: withTargets.map((figure) => figure.id),
  };
}

function labelOf(base: string, dimensions: Readonly<Record<string, string>>, language: ReportLanguage): string {
  const notes = Object.entries(dimensions).map(([name, value]) => {
    if (name === 'unionKind' && value in UNION_KIND_NAMES) return UNION_KIND_NAMES[value as keyof typeof UNION_KIND_NAMES][language];
    if (name === 'scope' && value in TALKS_SCOPE_NAMES) return TALKS_SCOPE_NAMES[value as keyof typeof TALKS_SCOPE_NAMES][language];
    return `${name}=${value}`;
  });
  if (notes.length === 0) return base;
  return language === 'zh' ? `${base}（${notes.join('，')}）` : `${base} (${notes.join(', ')})`;
}

/** The measure word a Chinese report writes after a count: 79家, 57人, 276户, 7330个. */
const COUNT_WORDS: Record<string, string> = {
  unions_founded: '家',
  enterprises_covered_by_new_unions: '家',
  members_enrolled: '人',
  wage_talks_opened: '份',
  enterprises_covered_by_agreements: '家',
  hardship_files_opened: '户',
  households_helped: '户',
  'households_helped:golden_autumn_education': '名',
  'households_helped:cancer_screening': '名',
  job_seekers_registered: '人',
  people_trained: '人',
  people_rehired: '人',
  positions_offered: '个',
};

function withCountWord(formatted: string, key: MetricKey, measure: Measure, language: ReportLanguage): string {
  if (language !== 'zh' || measure !== 'count' || formatted === '—') return formatted;
  return `${formatted}${COUNT_WORDS[key] ?? COUNT_WORDS[key.split(':')[0]] ?? ''}`;
}
