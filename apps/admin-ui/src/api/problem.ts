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
  // Money travels as fen (amountFen); the form asks for yuan, so a bound on a fen field is said in yuan.
  const inFen = /Fen$/.test(field);
  const yuan = (fen: string) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(fen) / 100);
  const date = '(\\d{4}-\\d{2}-\\d{2})';
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    // class-validator's defaults, and the rules of libs/http
    [/^is required$/, () => t('errors:reasons.required')],
    [/^should not be empty$/, () => t('errors:reasons.notEmpty')],
    [/^must be one of the following values: (.*)$/, (m) => t('errors:reasons.oneOf', { values: m[1] })],
    [/^must not be less than (-?[\d.]+)$/, (m) => (inFen ? t('errors:reasons.minYuan', { min: yuan(m[1]) }) : t('errors:reasons.min', { min: m[1] }))],
    [/^must not be greater than (-?[\d.]+)$/, (m) => (inFen ? t('errors:reasons.maxYuan', { max: yuan(m[1]) }) : t('errors:reasons.max', { max: m[1] }))],
    [/^must be an integer number$/, () => t('errors:reasons.integer')],
    [/^must be a number conforming to the specified constraints$/, () => t('errors:reasons.number')],
    [/^must be a UUID$/, () => t('errors:reasons.uuid')],
    [/^must be a valid ISO 8601 date string$/, () => t('errors:reasons.date')],
    [/^must be shorter than or equal to (\d+) characters$/, (m) => t('errors:reasons.maxLength', { max: m[1] })],
    [/^must be longer than or equal to (\d+) characters$/, (m) => t('errors:reasons.minLength', { min: m[1] })],
    [/^must be at most (\d+) characters$/, (m) => t('errors:reasons.maxLength', { max: m[1] })],
    [/^must be at least (\d+) characters$/, (m) => t('errors:reasons.minLength', { min: m[1] })],
    [/^property .* should not exist$/, () => t('errors:reasons.unknownField')],
    [/^is not a field$/, () => t('errors:reasons.unknownField')],
    [/^must be a string$/, () => t('errors:reasons.text')],
    [/^must be a boolean value$/, () => t('errors:reasons.yesNo')],
    [/^must be an array$/, () => t('errors:reasons.list')],
    [/^must be an object$/, () => t('errors:reasons.shape')],
    [/^nested property .* must be either object or array$/, () => t('errors:reasons.shape')],
    [/^each .+ must be an object$/, () => t('errors:reasons.each', { reason: t('errors:reasons.shape') })],
    [/^must contain at least (\d+) elements$/, (m) => t('errors:reasons.listMin', { min: m[1] })],
    [/^must contain no more than (\d+) elements$/, (m) => t('errors:reasons.listMax', { max: m[1] })],
    [/^All .*'s elements must be unique$/, () => t('errors:reasons.listUnique')],
    [/^must be a real date, YYYY-MM-DD$/, () => t('errors:reasons.calendarDate')],
    [/^must be a date \(YYYY-MM-DD, the end of that day in Asia\/Shanghai\) or a date-time with its zone/, () => t('errors:reasons.asOf')],
    [/^is not a valid resident ID number: the check character/, () => t('errors:reasons.residentIdCheck')],
    [/^is not a valid resident ID number: positions 7-14/, () => t('errors:reasons.residentIdBirth')],
    [/^is not a valid resident ID number/, () => t('errors:reasons.residentIdFormat')],
    [/^must be a mobile number of 11 digits/, () => t('errors:reasons.phone')],
    // a credit code's problem, from the DTO (with the prefix) or from the enterprise's decider (without it)
    [/^(?:not a valid unified social credit code: )?must be 18 characters, got (\d+)$/, (m) => t('errors:reasons.creditCodeLength', { length: m[1] })],
    [/^(?:not a valid unified social credit code: )?character (\d+) \("(.)"\) is not allowed/, (m) => t('errors:reasons.creditCodeChar', { position: m[1], char: m[2] })],
    [/^(?:not a valid unified social credit code: )?check character is/, () => t('errors:reasons.creditCodeCheck')],
    [/^contains a NUL character or a broken surrogate pair$/, () => t('errors:reasons.unstorable')],
    [/^must be a JSON object$/, () => t('errors:reasons.jsonObject')],
    [/^must be 8 to 255 visible ASCII characters/, () => t('errors:reasons.submissionKey')],
    [/^was already used with another path or body/, () => t('errors:reasons.submissionKeyReused')],
    [/^(?:If-Match )?must be an ETag/, () => t('errors:reasons.recordVersion')],
    [/^exceeds the size limit$/, () => t('errors:reasons.bodyTooLarge')],
    [/^could not be parsed as JSON$/, () => t('errors:reasons.bodyMalformed')],
    // the DTOs' own messages
    [/^must be 3-64 letters, digits or \. _ -$/, () => t('errors:reasons.username')],
    [/^must be a log position, "commit\/prepare"$/, () => t('errors:reasons.logPosition')],
    [/^must be 64 lower-case hex digits$/, () => t('errors:reasons.sha256')],
    [/^must be a year \(2026\) or a year and month \(2026-03\)$/, () => t('errors:reasons.yearOrMonth')],
    [/^must be a month, YYYY-MM$/, () => t('errors:reasons.month')],
    [/^must be a non-negative whole number written in digits/, () => t('errors:reasons.wholeNumber')],
    // the commonest reasons the rules of the domain give (the dates they name are shown as they are)
    [new RegExp(`^(?:must not be|is) after today \\(${date}\\)$`), (m) => t('errors:reasons.notAfterToday', { date: m[1] })],
    [new RegExp(`^(?:must not be|is) after (?:.*\\()?${date}\\)?$`), (m) => t('errors:reasons.notAfter', { date: m[1] })],
    [new RegExp(`^(?:must not be|is) before (?:.*\\()?${date}\\)?$`), (m) => t('errors:reasons.notBefore', { date: m[1] })],
    [/^is before opensOn$/, () => t('errors:reasons.beforeOpening')],
    [/^is already registered$/, () => t('errors:reasons.alreadyRegistered')],
    [/^is already taken$/, () => t('errors:reasons.alreadyTaken')],
    [/^lists the same .+ twice$/, () => t('errors:reasons.duplicates')],
    [/^is not a unit you work in$/, () => t('errors:reasons.notYourUnit')],
    [/^is required while the household is still in hardship$/, () => t('errors:reasons.requiredInHardship')],
    [/^must be a whole number of fen above zero$/, () => t('errors:reasons.amountPositive')],
    [/^must be a whole number of fen, zero or more$/, () => t('errors:reasons.amountNotNegative')],
    [/^exceeds the (\d+) fen left under the household cap$/, (m) => t('errors:reasons.householdCapLeft', { amount: yuan(m[1]) })],
    [/^is more than the (\d+) fen the fund can pay for this$/, (m) => t('errors:reasons.fundAvailable', { amount: yuan(m[1]) })],
    [/^must be above the minimum living standard \((\d+) fen\)/, (m) => t('errors:reasons.notAboveStandard', { standard: yuan(m[1]) })],
    [/^深度困难 needs a per-capita income at or below 低保 \((\d+) fen\); it is (\d+) fen$/, (m) => t('errors:reasons.deepTier', { standard: yuan(m[1]), income: yuan(m[2]) })],
    [/^the income is at or below 低保 \((\d+) fen\)/, (m) => t('errors:reasons.shouldBeDeep', { standard: yuan(m[1]) })],
    [/^相对困难 needs a per-capita income below twice 低保 \((\d+) fen\); it is (\d+) fen$/, (m) => t('errors:reasons.relativeTier', { limit: yuan(m[1]), income: yuan(m[2]) })],
    [/^is wrong$/, () => t('errors:reasons.wrong')],
    [/^must differ from the current password$/, () => t('errors:reasons.samePassword')],
    [/^must not contain the username$/, () => t('errors:reasons.containsUsername')],
    [/^does not match the username, or the account cannot sign in$/, () => t('errors:reasons.signInRefused')],
  ];
  const translate = (text: string): string => {
    // `{ each: true }` rules say "each value in topics must be ..."; the rule itself is translated as usual.
    const each = text.match(/^each value in \S+ (.*)$/);
    if (each) {
      const inner = translate(each[1]);
      return inner === each[1] ? text : t('errors:reasons.each', { reason: inner });
    }
    for (const [pattern, say] of rules) {
      const match = text.match(pattern);
      if (match) return say(match);
    }
    return text;
  };
  return translate(reason);
}

/** The field problems of a failed request, keyed by the form's field path. */
export function fieldProblems(error: unknown): FieldProblem[] {
  return error instanceof ApiError ? (error.problem.errors ?? []).filter((entry) => entry.field) : [];
}

export type { Problem };
