import dayjs from 'dayjs';
import i18next from 'i18next';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Money travels as integer fen; people read yuan with two decimals, in their locale. */
export function formatMoney(fen: number | string | null | undefined, language = i18next.language): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const value = typeof fen === 'string' ? Number(fen) : fen;
  const locale = language === 'en' ? 'en-US' : 'zh-CN';
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(locale, format);
  }
  return format.format(value / 100);
}

/** Yuan typed into a form (up to two decimals) to integer fen, without floating-point drift. */
export function yuanToFen(yuan: number | string): number {
  const text = typeof yuan === 'number' ? yuan.toFixed(2) : yuan.trim();
  const [whole, fraction = ''] = text.split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2)));
}

export const fenToYuan = (fen: number) => fen / 100;

export function formatDate(value: string | null | undefined, language = i18next.language): string {
  if (!value) return '—';
  const day = dayjs(value);
  if (!day.isValid()) return value;
  return language === 'en' ? day.format('D MMM YYYY') : day.format('YYYY年M月D日');
}

export function formatDateTime(value: string | null | undefined, language = i18next.language): string {
  if (!value) return '—';
  const day = dayjs(value);
  if (!day.isValid()) return value;
  return language === 'en' ? day.format('D MMM YYYY HH:mm') : day.format('YYYY年M月D日 HH:mm');
}

export function formatNumber(value: number | null | undefined, language = i18next.language): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN').format(value);
}

/** Basis points (1/100 of a percent) as the API reports rates and progress. */
export function formatBasisPoints(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${(value / 100).toFixed(2)}%`;
}

/** A calendar date for the API (YYYY-MM-DD) from a date picker's value. */
export const toIsoDate = (value: dayjs.Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);
