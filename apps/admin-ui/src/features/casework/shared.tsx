import { Space, Tag } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { yuanToFen } from '../../components/format';
import { residentIdProblem } from './residentId';

export const NS = 'casework';

export function StatusTag({ status, overdue, erased }: { status: string; overdue?: boolean; erased?: boolean }) {
  const { t } = useTranslation(NS);
  return (
    <Space size={4} wrap>
      <Tag color={status === 'open' ? 'green' : 'default'}>{t(`status.${status}`, { defaultValue: status })}</Tag>
      {overdue && <Tag color="red">{t('status.overdue')}</Tag>}
      {erased && <Tag>{t('erased')}</Tag>}
    </Space>
  );
}

export function CategoryTags({ categories }: { categories: string[] }) {
  const { t } = useTranslation(NS);
  return (
    <Space size={4} wrap>
      {categories.map((category) => (
        <Tag key={category}>{t(`categories.${category}`, { defaultValue: category })}</Tag>
      ))}
    </Space>
  );
}

export function TierTag({ tier }: { tier: string | null | undefined }) {
  const { t } = useTranslation(NS);
  if (!tier) return <>—</>;
  const color = tier === 'deep' ? 'volcano' : tier === 'accident' ? 'orange' : 'gold';
  return <Tag color={color}>{t(`tiers.${tier}`, { defaultValue: tier })}</Tag>;
}

/** A person's name, or a visible "erased" where the person's data has been erased. */
export function PersonName({ name, erased }: { name: string | null; erased: boolean }) {
  const { t } = useTranslation(NS);
  if (erased || name === null) return <span className="erased">{t('erased')}</span>;
  return <>{name}</>;
}

// ------------------------------------------------------------------------------------------------ form rules

/** "Please fill in X" with the field's own label, as the shared texts word it. */
export const required = (t: TFunction, label: string, select = false): Rule => ({
  required: true,
  message: t(select ? 'common:form.requiredSelect' : 'common:form.required', { label }),
});

export const maxLength = (t: TFunction, label: string, max: number): Rule => ({ max, message: t('common:form.maxLength', { label, max }) });

/** Non-blank: the server trims and refuses an empty string. */
export const notBlank = (t: TFunction, label: string): Rule => ({
  validator: (_rule, value: unknown) =>
    typeof value === 'string' && value.length > 0 && !value.trim() ? Promise.reject(new Error(t('common:form.required', { label }))) : Promise.resolve(),
});

export const residentIdRule = (t: TFunction): Rule => ({
  validator: (_rule, value: unknown) => {
    if (typeof value !== 'string' || !value.trim()) return Promise.resolve();
    const problem = residentIdProblem(value);
    if (!problem) return Promise.resolve();
    const key = problem === 'shape' ? 'residentIdShape' : problem === 'birthDate' ? 'residentIdBirth' : 'residentIdCheck';
    return Promise.reject(new Error(t(`casework:validation.${key}`)));
  },
});

const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const phoneRule = (t: TFunction): Rule => ({
  validator: (_rule, value: unknown) =>
    typeof value !== 'string' || !value.trim() || PHONE.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('casework:validation.phone'))),
});

/** Dates the server refuses in the future (surveys, visits, reviews). */
export const notFutureRule = (t: TFunction): Rule => ({
  validator: (_rule, value: Dayjs | null | undefined) =>
    value && value.isAfter(dayjs(), 'day') ? Promise.reject(new Error(t('casework:validation.dateFuture'))) : Promise.resolve(),
});

export const disableFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

/** A next review: after today, at most twelve months ahead (the server's MAX_MONTHS_TO_NEXT_REVIEW). */
export const nextReviewRule = (t: TFunction): Rule => ({
  validator: (_rule, value: Dayjs | null | undefined) => {
    if (!value) return Promise.resolve();
    const today = dayjs();
    return value.isAfter(today, 'day') && !value.isAfter(today.add(12, 'month'), 'day')
      ? Promise.resolve()
      : Promise.reject(new Error(t('casework:validation.nextReviewRange')));
  },
});
export const outsideNextReview = (current: Dayjs) => !current.isAfter(dayjs(), 'day') || current.isAfter(dayjs().add(12, 'month'), 'day');

/** Mirror of the decider's tier rules against income and the local minimum living standard. */
export function tierProblem(tier: string | undefined, incomeYuan: number | null | undefined, standardYuan: number | null | undefined, categories: string[] | undefined): string | undefined {
  if (!tier) return undefined;
  if (tier === 'accident') {
    return categories && !categories.includes('illness') && !categories.includes('disaster_accident') ? 'tierAccident' : undefined;
  }
  if (incomeYuan === null || incomeYuan === undefined || standardYuan === null || standardYuan === undefined) return undefined;
  const income = yuanToFen(incomeYuan);
  const standard = yuanToFen(standardYuan);
  if (tier === 'deep' && income > standard) return 'tierDeep';
  if (tier === 'relative' && (income <= standard || income >= 2 * standard)) return 'tierRelative';
  return undefined;
}

export const tierRule = (t: TFunction, income: string, standard: string): Rule => ({ getFieldValue }) => ({
  validator: (_rule, tier: string | undefined) => {
    const problem = tierProblem(tier, getFieldValue(income), getFieldValue(standard), getFieldValue('categories'));
    return problem ? Promise.reject(new Error(t(`casework:validation.${problem}`))) : Promise.resolve();
  },
});

export const MONEY_INPUT = { min: 0, max: 1_000_000, precision: 2, step: 10, style: { width: '100%' } } as const;
