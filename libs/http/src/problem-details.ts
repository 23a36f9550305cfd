/** RFC 7807 problem details, as every error leaves the API. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code (`ORGANIZING.ENTERPRISE_ALREADY_UNIONIZED`). */
  code: string;
  /** One entry per bad field, for validation and rule errors. */
  errors?: { field?: string; reason: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `https://unioncase.example/problems/${code.toLowerCase().replace(/[._]/g, '-')}`;
}
