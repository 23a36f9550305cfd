import type { TFunction } from 'i18next';
import type { Role } from '../../auth/session';
import { AID_PROGRAMMES } from '../funds/api';

export const ROLES: readonly Role[] = ['caseworker', 'supervisor', 'auditor', 'admin'];
export const LEVELS = ['city', 'district', 'township', 'community'] as const;
export type Level = (typeof LEVELS)[number];
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string | null;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  createdAt: string;
  revision: number;
}

export interface WriteResult {
  id?: string;
  revision: number;
}

export type Measure = 'count' | 'fen' | 'basis_points';

const BASE: [string, Measure][] = [
  ['unions_founded', 'count'],
  ['enterprises_covered_by_new_unions', 'count'],
  ['members_enrolled', 'count'],
  ['unionization_rate', 'basis_points'],
  ['wage_talks_opened', 'count'],
  ['enterprises_covered_by_agreements', 'count'],
  ['wage_talks_coverage_rate', 'basis_points'],
  ['hardship_files_opened', 'count'],
  ['households_helped', 'count'],
  ['aid_paid_fen', 'fen'],
  ['job_seekers_registered', 'count'],
  ['people_trained', 'count'],
  ['people_rehired', 'count'],
  ['positions_offered', 'count'],
];

/**
 * The metric catalogue as libs/statistics/src/metrics.ts defines it (the same keys and measures as
 * GET /api/statistics/metrics, which caseworkers may not call; targets are readable by every role).
 */
export const METRICS: { key: string; measure: Measure; programme: boolean }[] = [
  ...BASE.map(([key, measure]) => ({ key, measure, programme: false })),
  ...AID_PROGRAMMES.flatMap((programme) => [
    { key: `aid_paid_fen:${programme}`, measure: 'fen' as const, programme: true },
    { key: `households_helped:${programme}`, measure: 'count' as const, programme: true },
  ]),
];
export const MEASURE_OF = new Map(METRICS.map((m) => [m.key, m.measure]));

/** A metric's name in the user's language (`aid_paid_fen:winter_warmth` → 送温暖资金). */
export function metricName(t: TFunction, key: string): string {
  const [base, programme] = key.split(':');
  if (programme) return t('admin:programmeMetrics.' + base, { programme: t('admin:programmes.' + programme) });
  return t('admin:metrics.' + base, { defaultValue: key });
}
