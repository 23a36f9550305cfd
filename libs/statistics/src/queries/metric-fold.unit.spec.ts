import type { StatisticFact } from '../read-model/statistic-fact.js';
import { basisPoints, foldMetric } from './metric-fold.js';

let position = 0n;
function fact(partial: Partial<StatisticFact> & Pick<StatisticFact, 'metric' | 'occurredOn' | 'subjectId'>): StatisticFact {
  position++;
  return {
    eventId: `event-${position}`,
    seq: 0,
    position,
    unitId: 'unit-a',
    validUntil: null,
    recordedAt: new Date('2026-06-01T00:00:00Z'),
    quantity: 1n,
    subjectKind: 'union',
    distinctKey: null,
    dimensions: {},
    eventType: 'Test',
    ...partial,
  };
}

const YEAR = { from: '2026-01-01', to: '2026-12-31', at: '2026-12-31' };

describe('folding facts into figures', () => {
  it('sums a flow over the period only, and lists the cases whose facts make the sum', () => {
    const facts = [
      fact({ metric: 'unions_founded', occurredOn: '2025-12-31', subjectId: 'old' }),
      fact({ metric: 'unions_founded', occurredOn: '2026-01-01', subjectId: 'u1', dimensions: { unionKind: 'joint' } }),
      fact({ metric: 'unions_founded', occurredOn: '2026-07-09', subjectId: 'u2', dimensions: { unionKind: 'independent' } }),
      fact({ metric: 'members_enrolled', occurredOn: '2026-07-09', subjectId: 'u2', quantity: 40n }),
    ];
    const folded = foldMetric('unions_founded', facts, YEAR);
    expect(folded.value).toBe(2n);
    expect(folded.cases.map((c) => c.subjectId)).toEqual(['u1', 'u2']);
    expect(foldMetric('unions_founded', facts, YEAR, { unionKind: 'joint' }).value).toBe(1n);
    expect(foldMetric('members_enrolled', facts, YEAR).value).toBe(40n);
  });

  it('nets a reversal against its payment, and counts a household only while its aid nets above zero', () => {
    const aid = (subjectId: string, household: string, programme: string, quantity: bigint, occurredOn: string) =>
      fact({ metric: 'aid_paid', subjectKind: 'aid_grant', subjectId, distinctKey: household, dimensions: { programme }, quantity, occurredOn });
    const facts = [
      aid('g1', 'h1', 'winter_warmth', 50_000n, '2026-01-10'),
      aid('g2', 'h2', 'winter_warmth', 30_000n, '2026-01-11'),
      aid('g2', 'h2', 'winter_warmth', -30_000n, '2026-02-01'),
      aid('g3', 'h1', 'golden_autumn_education', 100_000n, '2026-09-01'),
    ];
    expect(foldMetric('aid_paid_fen', facts, YEAR).value).toBe(150_000n);
    expect(foldMetric('aid_paid_fen:winter_warmth', facts, YEAR).value).toBe(50_000n);
    const cases = foldMetric('aid_paid_fen:winter_warmth', facts, YEAR).cases;
    expect(cases.map((c) => [c.subjectId, c.quantity, c.facts.length])).toEqual([
      ['g1', 50_000n, 1],
      ['g2', 0n, 2],
    ]);
    expect(foldMetric('households_helped', facts, YEAR).value).toBe(1n);
    expect(foldMetric('households_helped:winter_warmth', facts, YEAR).cases.map((c) => c.subjectId)).toEqual(['h1']);
    // In January alone the second household was still paid.
    expect(foldMetric('households_helped', facts, { from: '2026-01-01', to: '2026-01-31', at: '2026-01-31' }).value).toBe(2n);
  });

  it('takes the unionization rate on the stock date, among non-public enterprises only', () => {
    const enterprise = (id: string, nonPublic: boolean, registeredOn: string, unionizedOn?: string) => [
      fact({ metric: 'enterprise_registered', subjectKind: 'enterprise', subjectId: id, occurredOn: registeredOn, dimensions: { nonPublic: String(nonPublic) } }),
      ...(unionizedOn
        ? [fact({ metric: 'enterprise_unionized', subjectKind: 'enterprise', subjectId: id, occurredOn: unionizedOn, dimensions: { nonPublic: String(nonPublic) } })]
        : []),
    ];
    const facts = [
      ...enterprise('e1', true, '2025-03-01', '2026-02-01'),
      ...enterprise('e2', true, '2025-03-01'),
      ...enterprise('e3', true, '2026-05-01', '2026-06-01'),
      ...enterprise('state', false, '2025-01-01', '2025-02-01'),
    ];
    const year = foldMetric('unionization_rate', facts, YEAR);
    expect([year.value, year.numerator, year.denominator]).toEqual([6667n, 2n, 3n]);
    expect(year.cases.filter((c) => c.inNumerator).map((c) => c.subjectId)).toEqual(['e1', 'e3']);
    const march = foldMetric('unionization_rate', facts, { from: '2026-03-01', to: '2026-03-31', at: '2026-03-31' });
    expect([march.value, march.numerator, march.denominator]).toEqual([5000n, 1n, 2n]);
    expect(foldMetric('unionization_rate', [], YEAR).value).toBeNull();
  });

  it('counts an enterprise covered while a net span of an agreement overlaps the period up to the stock date', () => {
    const span = (id: string, talksId: string, from: string, until: string, quantity: bigint) =>
      fact({ metric: 'agreement_coverage', subjectKind: 'enterprise', subjectId: id, occurredOn: from, validUntil: until, quantity, dimensions: { talksId, scope: 'enterprise' } });
    const unionized = (id: string, on: string) => fact({ metric: 'enterprise_unionized', subjectKind: 'enterprise', subjectId: id, occurredOn: on });
    const facts = [
      span('e1', 't1', '2026-03-17', '2027-03-16', 1n),
      // Objected: the span written on filing is cancelled.
      span('e2', 't2', '2026-04-17', '2027-04-16', 1n),
      span('e2', 't2', '2026-04-17', '2027-04-16', -1n),
      // In force only until 2025.
      span('e3', 't3', '2024-01-01', '2025-12-31', 1n),
      unionized('e1', '2025-01-01'),
      unionized('e2', '2025-01-01'),
      unionized('e3', '2025-01-01'),
    ];
    expect(foldMetric('enterprises_covered_by_agreements', facts, YEAR).value).toBe(1n);
    expect(foldMetric('enterprises_covered_by_agreements', facts, { ...YEAR, at: '2026-03-16' }).value).toBe(0n);
    const rate = foldMetric('wage_talks_coverage_rate', facts, YEAR);
    expect([rate.value, rate.numerator, rate.denominator]).toEqual([3333n, 1n, 3n]);
    // A stock taken before its period starts has no value.
    expect(foldMetric('wage_talks_coverage_rate', facts, { from: '2026-05-01', to: '2026-05-31', at: '2026-04-30' }).value).toBeNull();
  });

  it('rounds basis points half up', () => {
    expect(basisPoints(1n, 3n)).toBe(3333n);
    expect(basisPoints(2n, 3n)).toBe(6667n);
    expect(basisPoints(1n, 8n)).toBe(1250n);
    expect(basisPoints(0n, 0n)).toBeNull();
  });
});
