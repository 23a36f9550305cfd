/**
 * An amount of CNY in fen (分), the smallest unit, as a safe integer. The brand keeps a plain number (a count, a
 * yuan figure typed by hand) from being passed where money is meant; in event data it is a plain JSON number.
 */
export type Fen = number & { readonly __unit: 'fen' };

/** The most any one amount may be: 100 billion yuan, far above any fund, well inside a safe integer. */
export const MAX_FEN = 10_000_000_000_000 as Fen;
export const ZERO_FEN = 0 as Fen;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MAX_FEN;
}

export function fen(value: number): Fen {
  if (!isFen(value)) throw new RangeError(`${value} is not an amount in whole fen`);
  return value;
}

/**
 * Sums may pass MAX_FEN (a bound on one amount typed in, not on a fund's balance after many); they must only stay
 * exact, so a fund that received the largest allocation twice still folds instead of failing every command on it.
 */
function exactSum(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} fen is beyond exact integer arithmetic`);
  return value as Fen;
}

export function addFen(...amounts: readonly Fen[]): Fen {
  return exactSum(amounts.reduce<number>((sum, amount) => sum + amount, 0));
}

export function subtractFen(from: Fen, amount: Fen): Fen {
  return exactSum(from - amount);
}

export function negateFen(amount: Fen): Fen {
  return exactSum(-amount);
}

/** 1234567 → "12,345.67": yuan with two decimals, for reports and spreadsheets (never for arithmetic). */
export function formatYuan(amount: Fen): string {
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  const yuan = Math.trunc(absolute / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(absolute % 100).padStart(2, '0')}`;
}
