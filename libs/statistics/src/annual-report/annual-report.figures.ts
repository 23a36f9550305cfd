import { TALKS_SCOPES, type TalksScope } from '#bargaining';
import { AID_PROGRAMMES, type AidProgramme } from '#casework';
import { UNION_KINDS, type UnionKind } from '#organizing';
import type { MetricKey } from '../metrics.js';

/** A figure the annual report quotes: a metric of the catalogue, narrowed by dimensions (`{ unionKind: 'joint' }`). */
export interface FigureRequest {
  readonly key: MetricKey;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** A figure as computed for a unit, period and instant; `value` is null for a rate over nothing. */
export interface FigureInput extends FigureRequest {
  readonly value: bigint | null;
  /** The unit's target for the metric and year, for figures without dimensions; absent when none was set. */
  readonly target?: bigint;
}

const figure = (key: MetricKey, dimensions: Record<string, string> = {}): FigureRequest => ({ key, dimensions });

/** Every figure the statistics section is written from, section by section. */
export const ANNUAL_REPORT_FIGURES: readonly FigureRequest[] = [
  figure('unions_founded'),
  ...UNION_KINDS.map((unionKind) => figure('unions_founded', { unionKind })),
  figure('enterprises_covered_by_new_unions'),
  ...UNION_KINDS.map((unionKind) => figure('enterprises_covered_by_new_unions', { unionKind })),
  figure('members_enrolled'),
  figure('unionization_rate'),
  figure('wage_talks_opened'),
  figure('enterprises_covered_by_agreements'),
  ...TALKS_SCOPES.map((scope) => figure('enterprises_covered_by_agreements', { scope })),
  figure('wage_talks_coverage_rate'),
  figure('hardship_files_opened'),
  figure('households_helped'),
  figure('aid_paid_fen'),
  ...AID_PROGRAMMES.flatMap((programme) => [figure(`households_helped:${programme}`), figure(`aid_paid_fen:${programme}`)]),
  figure('job_seekers_registered'),
  figure('people_trained'),
  figure('people_rehired'),
  figure('positions_offered'),
];

/** A stable id for a figure within a report: `unions_founded`, `unions_founded[unionKind=joint]`. */
export function figureId(request: FigureRequest): string {
  const dimensions = Object.entries(request.dimensions).sort(([a], [b]) => a.localeCompare(b));
  return dimensions.length ? `${request.key}[${dimensions.map(([name, value]) => `${name}=${value}`).join(',')}]` : request.key;
}

export const UNION_KIND_NAMES: Record<UnionKind, { zh: string; en: string }> = {
  independent: { zh: '单独建会', en: 'independent' },
  joint: { zh: '联合工会', en: 'joint' },
  building_joint: { zh: '楼宇联合工会', en: 'building-joint' },
  industry: { zh: '行业工会', en: 'industry' },
  regional: { zh: '区域工会', en: 'regional' },
};

export const TALKS_SCOPE_NAMES: Record<TalksScope, { zh: string; en: string }> = {
  enterprise: { zh: '单独签订', en: 'single-enterprise' },
  regional: { zh: '区域性', en: 'regional' },
  industry: { zh: '行业性', en: 'industry-wide' },
};

export type { AidProgramme, TalksScope, UnionKind };
export { AID_PROGRAMMES, TALKS_SCOPES, UNION_KINDS };
