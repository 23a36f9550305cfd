import type { MetricKey } from '../metrics.js';
import type { FactKey, StatisticFact } from '../read-model/statistic-fact.js';

/**
 * How each metric folds its facts into one number, and which facts (and so which cases) are behind it. Pure: the
 * query service fetches the rows of a unit's subtree recorded by "as of", and everything else happens here, so the
 * figure and its drill-down come from the same code and cannot disagree.
 */
type Rule =
  /** Sum of quantities of facts dated in the period. */
  | { readonly kind: 'sum'; readonly fact: FactKey }
  /** Distinct `distinct_key`s whose facts in the period sum to more than zero (households with aid paid net). */
  | { readonly kind: 'distinct'; readonly fact: FactKey }
  /** Distinct enterprises with an agreement in force on any day from the period's start to its stock date. */
  | { readonly kind: 'covered' }
  /** Non-public enterprises registered by the stock date, and how many of them were unionized by then. */
  | { readonly kind: 'unionization_rate' }
  /** Enterprises unionized by the stock date, and how many of them an agreement in force covered in the period. */
  | { readonly kind: 'coverage_rate' };

interface MetricRule {
  readonly rule: Rule;
  /** The dimensions a caller may filter on; a filter applies to the facts that carry that dimension. */
  readonly dimensions: readonly string[];
  /** Dimensions fixed by the metric itself (the programme of a programme metric). */
  readonly fixed?: Readonly<Record<string, string>>;
}

const BASE_RULES: Record<string, MetricRule> = {
  unions_founded: { rule: { kind: 'sum', fact: 'unions_founded' }, dimensions: ['unionKind'] },
  enterprises_covered_by_new_unions: { rule: { kind: 'sum', fact: 'enterprises_covered_by_new_unions' }, dimensions: ['unionKind'] },
  members_enrolled: { rule: { kind: 'sum', fact: 'members_enrolled' }, dimensions: ['unionKind'] },
  unionization_rate: { rule: { kind: 'unionization_rate' }, dimensions: ['ownership'] },
  wage_talks_opened: { rule: { kind: 'sum', fact: 'wage_talks_opened' }, dimensions: ['scope'] },
  enterprises_covered_by_agreements: { rule: { kind: 'covered' }, dimensions: ['scope'] },
  wage_talks_coverage_rate: { rule: { kind: 'coverage_rate' }, dimensions: ['scope', 'ownership'] },
  hardship_files_opened: { rule: { kind: 'sum', fact: 'hardship_files_opened' }, dimensions: [] },
  households_helped: { rule: { kind: 'distinct', fact: 'aid_paid' }, dimensions: ['programme'] },
  aid_paid_fen: { rule: { kind: 'sum', fact: 'aid_paid' }, dimensions: ['programme'] },
  job_seekers_registered: { rule: { kind: 'sum', fact: 'job_seekers_registered' }, dimensions: ['kind'] },
  people_trained: { rule: { kind: 'distinct', fact: 'training_completed' }, dimensions: ['certified'] },
  people_rehired: { rule: { kind: 'sum', fact: 'people_rehired' }, dimensions: ['channel', 'kind'] },
  positions_offered: { rule: { kind: 'sum', fact: 'positions_offered' }, dimensions: [] },
};

export function metricRule(metric: MetricKey): MetricRule {
  const [base, programme] = metric.split(':');
  const rule = BASE_RULES[base];
  if (!rule) throw new Error(`No rule for metric ${metric}`);
  return programme ? { rule: rule.rule, dimensions: [], fixed: { programme } } : rule;
}

/** The dimensions a caller may filter `metric` on (besides unit, period and as-of). */
export const metricDimensions = (metric: MetricKey): readonly string[] => metricRule(metric).dimensions;

/** The facts a metric reads, and whether it reads them as flows (dated in the period) or stocks (up to the stock date). */
export function factsRead(metric: MetricKey): { keys: FactKey[]; stock: boolean } {
  const { rule } = metricRule(metric);
  switch (rule.kind) {
    case 'sum':
    case 'distinct':
      return { keys: [rule.fact], stock: false };
    case 'covered':
      return { keys: ['agreement_coverage'], stock: true };
    case 'unionization_rate':
      return { keys: ['enterprise_registered', 'enterprise_unionized'], stock: true };
    case 'coverage_rate':
      return { keys: ['enterprise_unionized', 'agreement_coverage'], stock: true };
  }
}

export interface FoldPeriod {
  /** First and last day of the period, YYYY-MM-DD, inclusive. */
  readonly from: string;
  readonly to: string;
  /** The stock date: the period's end, or the as-of date if earlier. Rates and coverage are taken on it. */
  readonly at: string;
}

/** One case behind a figure: a union, a grant, a household, an enterprise... and its facts that count. */
export interface FoldedCase {
  readonly subjectKind: string;
  readonly subjectId: string;
  readonly unitId: string;
  /** The case's share of the figure: its net quantity for a sum, 1 for a distinct count. */
  readonly quantity: bigint;
  /** For a rate: whether the case is in the numerator (every case listed is in the denominator). */
  readonly inNumerator?: boolean;
  readonly facts: readonly StatisticFact[];
}

export interface Folded {
  /** The figure in the metric's measure; null for a rate with an empty denominator, or a stock taken before the period began. */
  readonly value: bigint | null;
  readonly numerator?: bigint;
  readonly denominator?: bigint;
  readonly cases: readonly FoldedCase[];
}

const sumOf = (facts: readonly StatisticFact[]) => facts.reduce((sum, fact) => sum + fact.quantity, 0n);

/** Half-up basis points of `numerator / denominator`. */
export function basisPoints(numerator: bigint, denominator: bigint): bigint | null {
  if (denominator === 0n) return null;
  return (numerator * 20_000n + denominator) / (2n * denominator);
}

function groupBy<K>(facts: readonly StatisticFact[], key: (fact: StatisticFact) => K): Map<K, StatisticFact[]> {
  const groups = new Map<K, StatisticFact[]>();
  for (const fact of facts) {
    const k = key(fact);
    const group = groups.get(k);
    if (group) group.push(fact);
    else groups.set(k, [fact]);
  }
  return groups;
}

function matches(fact: StatisticFact, filters: Readonly<Record<string, string>>): boolean {
  return Object.entries(filters).every(([key, value]) => !(key in fact.dimensions) || fact.dimensions[key] === value);
}

const byRecording = (a: StatisticFact, b: StatisticFact) => (a.position === b.position ? a.seq - b.seq : a.position < b.position ? -1 : 1);
const caseOrder = (a: FoldedCase, b: FoldedCase) => a.unitId.localeCompare(b.unitId) || a.subjectKind.localeCompare(b.subjectKind) || a.subjectId.localeCompare(b.subjectId);

/** Subjects whose facts of `key` dated up to `at` net above zero, with those facts. */
function standing(facts: readonly StatisticFact[], key: FactKey, at: string): Map<string, StatisticFact[]> {
  const kept = new Map<string, StatisticFact[]>();
  for (const [subject, group] of groupBy(facts.filter((f) => f.metric === key && f.occurredOn <= at), (f) => f.subjectId)) {
    if (sumOf(group) > 0n) kept.set(subject, group);
  }
  return kept;
}

/** Enterprises with an agreement in force on a day of [from, at], with the coverage facts of those agreements. */
function coveredEnterprises(facts: readonly StatisticFact[], from: string, at: string): Map<string, StatisticFact[]> {
  const spans = groupBy(
    facts.filter((f) => f.metric === 'agreement_coverage'),
    (f) => `${f.subjectId}|${f.dimensions.talksId}|${f.occurredOn}|${f.validUntil}`,
  );
  const covered = new Map<string, StatisticFact[]>();
  for (const group of spans.values()) {
    const [first] = group;
    if (sumOf(group) <= 0n || first.occurredOn > at || (first.validUntil ?? first.occurredOn) < from) continue;
    covered.set(first.subjectId, [...(covered.get(first.subjectId) ?? []), ...group]);
  }
  return covered;
}

/**
 * Folds the facts of one unit's subtree (already limited to those recorded by "as of", and in log order) into
 * the figure of `metric` for `period`, with the cases behind it. Facts of other metrics are ignored.
 */
export function foldMetric(metric: MetricKey, facts: readonly StatisticFact[], period: FoldPeriod, filters: Readonly<Record<string, string>> = {}): Folded {
  return foldSelected(metric, selectFacts(metric, facts, filters), period);
}

/** The facts `metric` reads, narrowed by the filters: what `foldSelected` takes, so a breakdown selects once. */
export function selectFacts<Fact extends StatisticFact>(metric: MetricKey, facts: readonly Fact[], filters: Readonly<Record<string, string>> = {}): Fact[] {
  const keys = factsRead(metric).keys;
  const dimensions = { ...filters, ...metricRule(metric).fixed };
  return facts.filter((fact) => keys.includes(fact.metric) && matches(fact, dimensions));
}

/** `foldMetric` over facts already chosen by `selectFacts` (or any subset of them, such as one sub-unit's). */
export function foldSelected(metric: MetricKey, filtered: readonly StatisticFact[], period: FoldPeriod): Folded {
  const { rule } = metricRule(metric);
  const inPeriod = (fact: StatisticFact) => fact.occurredOn >= period.from && fact.occurredOn <= period.to;
  const stockTaken = period.at >= period.from;
  switch (rule.kind) {
    case 'sum': {
      const counted = filtered.filter((f) => f.metric === rule.fact && inPeriod(f));
      const cases = [...groupBy(counted, (f) => `${f.subjectKind}|${f.subjectId}`).values()].map((group) => ({
        subjectKind: group[0].subjectKind,
        subjectId: group[0].subjectId,
        unitId: group[0].unitId,
        quantity: sumOf(group),
        facts: group,
      }));
      return { value: sumOf(counted), cases: cases.sort(caseOrder) };
    }
    case 'distinct': {
      const counted = filtered.filter((f) => f.metric === rule.fact && inPeriod(f));
      const cases: FoldedCase[] = [];
      for (const [key, group] of groupBy(counted, (f) => f.distinctKey ?? f.subjectId)) {
        if (sumOf(group) <= 0n) continue;
        const kind = rule.fact === 'aid_paid' ? 'household' : group[0].subjectKind;
        cases.push({ subjectKind: kind, subjectId: key, unitId: group[0].unitId, quantity: 1n, facts: group });
      }
      return { value: BigInt(cases.length), cases: cases.sort(caseOrder) };
    }
    case 'covered': {
      if (!stockTaken) return { value: null, cases: [] };
      const cases = [...coveredEnterprises(filtered, period.from, period.at)].map(([subjectId, group]) => ({
        subjectKind: 'enterprise',
        subjectId,
        unitId: group[0].unitId,
        quantity: 1n,
        facts: group,
      }));
      return { value: BigInt(cases.length), cases: cases.sort(caseOrder) };
    }
    case 'unionization_rate':
    case 'coverage_rate': {
      if (!stockTaken) return { value: null, cases: [] };
      const base =
        rule.kind === 'unionization_rate'
          ? standing(
              filtered.filter((f) => f.dimensions.nonPublic === 'true'),
              'enterprise_registered',
              period.at,
            )
          : standing(filtered, 'enterprise_unionized', period.at);
      const counted =
        rule.kind === 'unionization_rate' ? standing(filtered, 'enterprise_unionized', period.at) : coveredEnterprises(filtered, period.from, period.at);
      const cases = [...base].map(([subjectId, group]) => {
        const inNumerator = counted.has(subjectId);
        return {
          subjectKind: 'enterprise',
          subjectId,
          unitId: group[0].unitId,
          quantity: inNumerator ? 1n : 0n,
          inNumerator,
          facts: inNumerator ? [...group, ...counted.get(subjectId)!].sort(byRecording) : group,
        };
      });
      const numerator = BigInt(cases.filter((c) => c.inNumerator).length);
      const denominator = BigInt(cases.length);
      return { value: basisPoints(numerator, denominator), numerator, denominator, cases: cases.sort(caseOrder) };
    }
  }
}
