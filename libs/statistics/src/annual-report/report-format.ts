import type { Measure } from '../metrics.js';

export type ReportLanguage = 'zh' | 'en';

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Fen as yuan with two decimals, from the integer alone (never through a float): 12550000n → "125,500.00". */
export function formatFen(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const absolute = amount < 0n ? -amount : amount;
  return `${sign}${group((absolute / 100n).toString())}.${(absolute % 100n).toString().padStart(2, '0')}`;
}

/** Basis points as a percentage with two decimals: 7210n → "72.10%". */
export function formatBasisPoints(rate: bigint): string {
  const sign = rate < 0n ? '-' : '';
  const absolute = rate < 0n ? -rate : rate;
  return `${sign}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}%`;
}

/** A count as the reports write it: plain digits in Chinese (1064), grouped in English (1,064). */
export function formatCount(count: bigint, language: ReportLanguage): string {
  return language === 'zh' ? count.toString() : group(count.toString());
}

/** A figure in its measure, with the unit a reader expects after money; a rate over nothing is a dash. */
export function formatValue(value: bigint | null, measure: Measure, language: ReportLanguage): string {
  if (value === null) return '—';
  switch (measure) {
    case 'count':
      return formatCount(value, language);
    case 'fen':
      return language === 'zh' ? `${formatFen(value)}元` : `${formatFen(value)} yuan`;
    case 'basis_points':
      return formatBasisPoints(value);
  }
}

/** actual / target as a percentage with one decimal, rounded half up, from integers: 79 of 55 → "143.6%". */
export function formatAttainment(actual: bigint, target: bigint): string | null {
  if (target <= 0n) return null;
  const tenths = (actual * 1000n * 2n + target) / (target * 2n);
  return `${tenths / 10n}.${tenths % 10n}%`;
}
