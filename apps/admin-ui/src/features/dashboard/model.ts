import type { TFunction } from 'i18next';
import { formatBasisPoints, formatMoney, formatNumber } from '../../components/format';

/** What GET /api/dashboard answers (and each `dashboard` event of the stream carries). */
export type Measure = 'count' | 'fen' | 'basis_points';

export interface FigureView {
  actual: string | null;
  numerator?: string;
  denominator?: string;
}

export interface SubUnitLine extends FigureView {
  unitId: string;
  own: boolean;
  target: string | null;
  progressBasisPoints: string | null;
}

export interface DashboardMetric extends FigureView {
  key: string;
  measure: Measure;
  label: { zh: string; en: string };
  target: string | null;
  progressBasisPoints: string | null;
  bySubUnit: SubUnitLine[];
  byMonth: (FigureView & { month: string })[];
}

export interface Dashboard {
  unitId: string;
  unitName: string;
  year: number;
  from: string;
  to: string;
  asOf: string | null;
  stockDate: string;
  generatedAt: string;
  checkpoint: string;
  subUnits: { unitId: string; name: string; own: boolean }[];
  metrics: DashboardMetric[];
}

/** GET /api/statistics/:metric/cases */
export interface FactView {
  eventId: string;
  seq: number;
  position: string;
  eventType: string;
  subjectKind: string;
  subjectId: string;
  unitId: string;
  occurredOn: string;
  validUntil: string | null;
  recordedAt: string;
  quantity: string;
  dimensions: Record<string, string>;
}

export interface CaseView {
  subjectKind: string;
  subjectId: string;
  unitId: string;
  quantity: string;
  inNumerator?: boolean;
  facts: FactView[];
}

export interface DrillDown {
  metric: string;
  unitId: string;
  from: string;
  to: string;
  stockDate: string;
  asOf: string | null;
  value: string | null;
  numerator?: string;
  denominator?: string;
  items: CaseView[];
  page: number;
  pageSize: number;
  total: number;
  checkpoint: string;
}

/** The unit, period and as-of the dashboard, its stream, the drill-down and the report share. */
export interface PeriodParams {
  unitId?: string;
  year?: number;
  from?: string;
  to?: string;
  asOf?: string;
}

export const cleanParams = (params: Record<string, string | number | undefined | null>): Record<string, string> =>
  Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]));

export const METRIC_SECTIONS: { key: 'organizing' | 'bargaining' | 'hardship' | 'employment'; metrics: string[] }[] = [
  { key: 'organizing', metrics: ['unions_founded', 'enterprises_covered_by_new_unions', 'members_enrolled', 'unionization_rate'] },
  { key: 'bargaining', metrics: ['wage_talks_opened', 'enterprises_covered_by_agreements', 'wage_talks_coverage_rate'] },
  { key: 'hardship', metrics: ['hardship_files_opened', 'households_helped', 'aid_paid_fen'] },
  { key: 'employment', metrics: ['job_seekers_registered', 'people_trained', 'people_rehired', 'positions_offered'] },
];

/** A metric's name in the user's language: `aid_paid_fen:winter_warmth` → 送温暖资金. */
export function metricLabel(key: string, t: TFunction): string {
  const [base, programme] = key.split(':');
  if (programme) return t(`dashboard:programmeMetric.${base}`, { programme: t(`dashboard:programmes.${programme}`) });
  return t(`dashboard:metrics.${base}`, { defaultValue: key });
}

/** A figure in its measure for people: counts grouped, money in yuan, rates in percent. */
export function formatFigure(value: string | null | undefined, measure: Measure, language: string): string {
  if (value === null || value === undefined) return '—';
  if (measure === 'fen') return formatMoney(value, language);
  if (measure === 'basis_points') return formatBasisPoints(Number(value));
  return formatNumber(Number(value), language);
}

/** A figure as a chart plots it: yuan for money, percent for rates. */
export function chartValue(value: string | null | undefined, measure: Measure): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  if (measure === 'fen') return number / 100;
  if (measure === 'basis_points') return number / 100;
  return number;
}

/** The page of the app that shows a case of the drill-down; a household is a pseudonymous key with no page. */
export function casePath(kind: string, id: string): string | null {
  const base: Record<string, string> = {
    union: '/unions',
    enterprise: '/enterprises',
    wage_talks: '/wage-talks',
    hardship_file: '/hardship-files',
    aid_grant: '/aid-grants',
    job_seeker: '/job-seekers',
    job_fair: '/job-fairs',
  };
  return base[kind] ? `${base[kind]}/${id}` : null;
}

/** Facts of aid payments carry fen whatever metric they count for; the others count people, units, positions. */
export const factMeasure = (eventType: string): Measure => (eventType.startsWith('AidDisburse') ? 'fen' : 'count');

/** What a drill-down is asked for: a metric, how to show it, and the query (unit, period, as-of, dimensions, cell). */
export interface DrillTarget {
  metric: string;
  label: string;
  measure: Measure;
  params: Record<string, string>;
  /** What the cell is, for the drawer's header: a sub-unit's name. */
  scopeName?: string;
}

/** A report figure's drill-down link (`/api/statistics/<key>/cases?…`) as a drill target. */
export function drillTargetFromUrl(url: string, label: string, measure: Measure): DrillTarget | null {
  const parsed = new URL(url, window.location.origin);
  const match = parsed.pathname.match(/\/api\/statistics\/([^/]+)\/cases$/);
  if (!match) return null;
  return { metric: decodeURIComponent(match[1]), label, measure, params: Object.fromEntries(parsed.searchParams.entries()) };
}

export const progressPercent = (basisPoints: string | null | undefined) => (basisPoints === null || basisPoints === undefined ? null : Number(basisPoints) / 100);
