import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';

/** A date that may not lie after today (the API refuses those). */
export const notFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

export function required(t: TFunction, label: string, select = false): Rule {
  return { required: true, message: t(select ? 'common:form.requiredSelect' : 'common:form.required', { label }) };
}

export function maxLength(t: TFunction, label: string, max: number): Rule {
  return { max, message: t('common:form.maxLength', { label, max }) };
}

export function pastDate(t: TFunction): Rule {
  return { validator: (_rule, value?: Dayjs | null) => (value && notFuture(value) ? Promise.reject(new Error(t('employment:form.dateInFuture'))) : Promise.resolve()) };
}

/** Options of a vocabulary, labelled from a group of messages (`employment:kinds.graduate`). */
export function optionsOf(t: TFunction, values: readonly string[], group: string) {
  return values.map((value) => ({ value, label: t(`${group}.${value}`) }));
}
