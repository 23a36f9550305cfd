import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatMoney } from './format';

export function Money({ fen }: { fen: number | string | null | undefined }) {
  const { i18n } = useTranslation();
  return <span className="money">{formatMoney(fen, i18n.language)}</span>;
}

export function DateText({ value, withTime = false }: { value: string | null | undefined; withTime?: boolean }) {
  const { i18n } = useTranslation();
  return <span>{withTime ? formatDateTime(value, i18n.language) : formatDate(value, i18n.language)}</span>;
}
