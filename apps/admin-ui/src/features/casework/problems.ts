import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';

/**
 * The casework problem codes (CASEWORK.*) are not in the shared errors bundle yet: this turns the API's English
 * detail and field reasons of such a problem into the user's language, so useCommandForm shows them translated.
 * Field reasons the server writes for its own checks (gender, illness details) are handled the same way.
 */
const FIELD_REASONS: [RegExp, string][] = [
  [/^does not match the sex the resident ID number records$/, 'problems.reasons.genderMismatch'],
  [/^is required when a category is illness$/, 'problems.reasons.illnessRequired'],
  [/^is not a valid resident ID number: the check character/, 'validation.residentIdCheck'],
  [/^is not a valid resident ID number: positions 7-14/, 'validation.residentIdBirth'],
  [/^is not a valid resident ID number/, 'validation.residentIdShape'],
  [/^must be a mobile number/, 'validation.phone'],
  [/^must be a real date/, 'problems.reasons.date'],
  [/^already has an open hardship file$/, 'problems.codes.PERSON_HAS_OPEN_FILE'],
];

export function localizeProblem(error: unknown, t: TFunction): unknown {
  if (!(error instanceof ApiError)) return error;
  const problem = { ...error.problem };
  const code = problem.code?.startsWith('CASEWORK.') ? problem.code.slice('CASEWORK.'.length) : undefined;
  const codeText = code ? t(`casework:problems.codes.${code}`, { defaultValue: '' }) : '';
  if (problem.errors) {
    problem.errors = problem.errors.map((entry) => {
      const field = entry.field?.split('.').pop() ?? '';
      const reason = field && entry.reason.startsWith(`${field} `) ? entry.reason.slice(field.length + 1) : entry.reason;
      const known = FIELD_REASONS.find(([pattern]) => pattern.test(reason));
      if (known) return { ...entry, reason: t(`casework:${known[1]}`) };
      if (codeText) return { ...entry, reason: codeText };
      return entry;
    });
  }
  if (codeText) {
    problem.detail = codeText;
    problem.title = codeText;
    // Drop the code so the shared describer falls through to the translated detail.
    delete problem.code;
  }
  return new ApiError(problem);
}

/** Wraps a submit so its failures come back translated. */
export function translated<V, R>(submit: (values: V) => Promise<R>, t: TFunction) {
  return async (values: V) => {
    try {
      return await submit(values);
    } catch (error) {
      throw localizeProblem(error, t);
    }
  };
}
