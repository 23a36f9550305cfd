/** 企业 (one enterprise), 区域性 (regional, many enterprises of an area), 行业性 (industry-wide). */
export const TALKS_SCOPES = ['enterprise', 'regional', 'industry'] as const;
export type TalksScope = (typeof TALKS_SCOPES)[number];

/** 工资增长, 最低工资, 计件单价, 劳动定额, 女职工特殊保护 (女职工专项集体合同). */
export const TALKS_TOPICS = ['wage_growth', 'minimum_wage', 'piece_rates', 'labour_quotas', 'women_special_protection'] as const;
export type TalksTopic = (typeof TALKS_TOPICS)[number];

export const EMPLOYER_DECISIONS = ['accepted', 'refused'] as const;
export type EmployerDecision = (typeof EMPLOYER_DECISIONS)[number];

/**
 * Where talks stand on a given day. `response_overdue`, `effective` (by 15 quiet days) and `expired` are not
 * recorded: they follow from the recorded dates and today's date.
 */
export const TALKS_STATUSES = [
  'offered',
  'response_overdue',
  'refused',
  'rectification_issued',
  'accepted',
  'negotiating',
  'agreed',
  'adopted',
  'filed',
  'effective',
  'expired',
  'withdrawn',
] as const;
export type TalksStatus = (typeof TALKS_STATUSES)[number];

/** What is due next on a talk. */
export const DEADLINE_KINDS = [
  'employer_response',
  'rectification_opinion',
  'agreement',
  'workers_congress_adoption',
  'filing',
  'bureau_review',
  'renewal',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The legal periods, in days or months (集体合同规定 2004). */
export const RESPONSE_DAYS = 20; // art. 32: the employer answers an offer in writing within 20 days
export const FILING_DAYS = 10; // art. 42: filed with the labour bureau within 10 days of signing
export const REVIEW_DAYS = 15; // art. 47: effective when the bureau raises no objection within 15 days
export const RENEWAL_WINDOW_MONTHS = 3; // renewal is requested in the last 3 months of the term
export const MIN_TERM_YEARS = 1; // art. 38: a term of 1 to 3 years
export const MAX_TERM_YEARS = 3;
