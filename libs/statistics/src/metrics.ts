import { AID_PROGRAMMES, type AidProgramme } from '#casework';

/**
 * The figures a federation steers by: the same keys name a target (set by an admin for a unit and year),
 * an actual (computed from the log), a dashboard tile and a line of the annual report.
 *
 * - `count`: people, households, unions, enterprises, cases.
 * - `fen`: money, integer fen.
 * - `basis_points`: a rate, 10000 = 100.00 %, computed as of the end of the period (a stock, not a flow).
 */
export type Measure = 'count' | 'fen' | 'basis_points';

export interface MetricDefinition {
  readonly key: MetricKey;
  readonly measure: Measure;
  readonly label: { readonly zh: string; readonly en: string };
}

const PROGRAMME_LABELS: Record<AidProgramme, { zh: string; en: string }> = {
  winter_warmth: { zh: '送温暖', en: 'winter warmth' },
  golden_autumn_education: { zh: '金秋助学', en: 'education grants' },
  summer_cooling: { zh: '夏送清凉', en: 'summer cooling' },
  spring_employment: { zh: '春送岗位', en: 'spring employment' },
  medical_aid: { zh: '医疗救助', en: 'medical aid' },
  living_subsidy: { zh: '生活救助', en: 'living subsidy' },
  temporary_aid: { zh: '临时救助', en: 'temporary aid' },
  cancer_screening: { zh: '两癌筛查', en: 'cancer screening' },
  in_kind: { zh: '实物救助', en: 'in-kind aid' },
};

const BASE_METRICS = [
  { key: 'unions_founded', measure: 'count', label: { zh: '新建基层工会', en: 'New grassroots unions' } },
  { key: 'enterprises_covered_by_new_unions', measure: 'count', label: { zh: '新建工会覆盖企业', en: 'Enterprises covered by new unions' } },
  { key: 'members_enrolled', measure: 'count', label: { zh: '新发展会员', en: 'Members enrolled in new unions' } },
  { key: 'unionization_rate', measure: 'basis_points', label: { zh: '非公企业建会率', en: 'Unionization rate of non-public enterprises' } },
  { key: 'wage_talks_opened', measure: 'count', label: { zh: '发出协商要约', en: 'Wage talks opened' } },
  { key: 'enterprises_covered_by_agreements', measure: 'count', label: { zh: '签订工资集体合同覆盖企业', en: 'Enterprises covered by wage agreements' } },
  { key: 'wage_talks_coverage_rate', measure: 'basis_points', label: { zh: '工资集体协商覆盖率', en: 'Wage-talk coverage rate' } },
  { key: 'hardship_files_opened', measure: 'count', label: { zh: '新建档困难职工', en: 'Hardship files opened' } },
  { key: 'households_helped', measure: 'count', label: { zh: '帮扶困难职工户数', en: 'Households helped' } },
  { key: 'aid_paid_fen', measure: 'fen', label: { zh: '发放帮扶资金', en: 'Aid paid' } },
  { key: 'job_seekers_registered', measure: 'count', label: { zh: '登记求职人员', en: 'Job seekers registered' } },
  { key: 'people_trained', measure: 'count', label: { zh: '参加技能培训', en: 'People trained' } },
  { key: 'people_rehired', measure: 'count', label: { zh: '实现再就业', en: 'People rehired' } },
  { key: 'positions_offered', measure: 'count', label: { zh: '提供就业岗位', en: 'Positions offered' } },
] as const satisfies readonly { key: string; measure: Measure; label: { zh: string; en: string } }[];

type BaseMetricKey = (typeof BASE_METRICS)[number]['key'];
/** Aid paid and households helped per programme: `aid_paid_fen:winter_warmth`, `households_helped:golden_autumn_education`. */
export type ProgrammeMetricKey = `${'aid_paid_fen' | 'households_helped'}:${AidProgramme}`;
export type MetricKey = BaseMetricKey | ProgrammeMetricKey;

const PROGRAMME_METRICS: MetricDefinition[] = AID_PROGRAMMES.flatMap((programme) => [
  {
    key: `aid_paid_fen:${programme}` as const,
    measure: 'fen' as const,
    label: { zh: `${PROGRAMME_LABELS[programme].zh}资金`, en: `Aid paid: ${PROGRAMME_LABELS[programme].en}` },
  },
  {
    key: `households_helped:${programme}` as const,
    measure: 'count' as const,
    label: { zh: `${PROGRAMME_LABELS[programme].zh}户数`, en: `Households helped: ${PROGRAMME_LABELS[programme].en}` },
  },
]);

export const METRICS: readonly MetricDefinition[] = [...BASE_METRICS, ...PROGRAMME_METRICS];
export const METRIC_KEYS: readonly MetricKey[] = METRICS.map((metric) => metric.key);
export const PROGRAMME_NAMES = PROGRAMME_LABELS;

const BY_KEY = new Map<string, MetricDefinition>(METRICS.map((metric) => [metric.key, metric]));

export function isMetricKey(key: string): key is MetricKey {
  return BY_KEY.has(key);
}

export function metricDefinition(key: MetricKey): MetricDefinition {
  const definition = BY_KEY.get(key);
  if (!definition) throw new Error(`Unknown metric ${key}`);
  return definition;
}

/**
 * Where the dashboard reads targets from. The targets context provides it; statistics does not depend on how
 * targets are recorded. Values are in the metric's measure; a unit without a target for a metric is absent.
 */
export interface TargetSource {
  targetsFor(unitIds: readonly string[], year: number, asOf?: Date): Promise<Map<string, Map<MetricKey, bigint>>>;
}
export const TARGET_SOURCE = Symbol('TARGET_SOURCE');
