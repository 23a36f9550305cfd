import type { TFunction } from 'i18next';
import { ApiError, type FieldProblem, type Problem } from './client';

/** The sentence to show for a failed request, in the user's language. */
export function describeProblem(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors:generic.server');
  const problem = error.problem;
  if (problem.status === 0) return t('errors:generic.network');
  if (problem.code) {
    const key = `errors:codes.${problem.code}`;
    const text = t(key, { defaultValue: '' });
    if (text) return text;
  }
  if (problem.status === 403) return t('errors:generic.forbidden');
  if (problem.status === 404) return problem.title || t('errors:generic.notFound');
  if (problem.status === 412) return t('errors:generic.conflict');
  if (problem.status === 429) return t('errors:generic.tooMany');
  if (problem.status >= 500) return t('errors:generic.server');
  return problem.detail ?? problem.title;
}

/**
 * class-validator's English reasons, turned into the user's language. The API prefixes most with the
 * property's name ("name should not be empty"); the form shows the label itself, so only the rule is kept.
 */
export function translateReason(problem: FieldProblem, t: TFunction): string {
  const field = problem.field?.split('.').pop()?.replace(/\[\d+\]$/, '') ?? '';
  const reason = field && problem.reason.startsWith(`${field} `) ? problem.reason.slice(field.length + 1) : problem.reason;
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^is required$/, () => t('errors:reasons.required')],
    [/^should not be empty$/, () => t('errors:reasons.notEmpty')],
    [/^must be one of the following values: (.*)$/, (m) => t('errors:reasons.oneOf', { values: m[1] })],
    [/^must not be less than (-?[\d.]+)$/, (m) => t('errors:reasons.min', { min: m[1] })],
    [/^must not be greater than (-?[\d.]+)$/, (m) => t('errors:reasons.max', { max: m[1] })],
    [/^must be an integer number$/, () => t('errors:reasons.integer')],
    [/^must be a number conforming to the specified constraints$/, () => t('errors:reasons.number')],
    [/^must be a UUID$/, () => t('errors:reasons.uuid')],
    [/^must be a valid ISO 8601 date string$/, () => t('errors:reasons.date')],
    [/^must be shorter than or equal to (\d+) characters$/, (m) => t('errors:reasons.maxLength', { max: m[1] })],
    [/^must be longer than or equal to (\d+) characters$/, (m) => t('errors:reasons.minLength', { min: m[1] })],
    [/^property .* should not exist$/, () => t('errors:reasons.unknownField')],
  ];
  for (const [pattern, say] of rules) {
    const match = reason.match(pattern);
    if (match) return say(match);
  }
  return reason;
}

/** The field problems of a failed request, keyed by the form's field path. */
export function fieldProblems(error: unknown): FieldProblem[] {
  return error instanceof ApiError ? (error.problem.errors ?? []).filter((entry) => entry.field) : [];
}

export type { Problem };
