/**
 * The facts the statistics projection records. A metric of the catalogue is computed from one or two of them (see
 * `metric-fold.ts`); the rates have no fact of their own.
 */
export const FACT_KEYS = [
  'unions_founded',
  'enterprises_covered_by_new_unions',
  'members_enrolled',
  /** Every registered enterprise, once, on its registration date (dimensions: ownership, nonPublic). */
  'enterprise_registered',
  /** An enterprise unionized, once, on the date its union covers it from (dimensions: ownership, nonPublic). */
  'enterprise_unionized',
  /** An agreement in force covering one enterprise, from `occurred_on` to `valid_until` (dimensions: talksId, scope). */
  'agreement_coverage',
  'wage_talks_opened',
  'hardship_files_opened',
  /** Money paid out (AidDisbursed), or taken back (AidDisbursementReversed, negative); distinct_key is the household. */
  'aid_paid',
  'job_seekers_registered',
  /** A course completed; distinct_key is the seeker, counted once however many courses. */
  'training_completed',
  'people_rehired',
  'positions_offered',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export const SUBJECT_KINDS = ['union', 'enterprise', 'wage_talks', 'hardship_file', 'aid_grant', 'job_seeker', 'job_fair'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** One row of `read_model.statistic_facts`, as the queries read it. */
export interface StatisticFact {
  readonly eventId: string;
  readonly seq: number;
  /** The commit position of the event in the log. */
  readonly position: bigint;
  readonly metric: FactKey;
  readonly unitId: string;
  /** The business date (Asia/Shanghai), YYYY-MM-DD: founding, payment, rehiring, the first day in force. */
  readonly occurredOn: string;
  /** For a span: its last day; null for a fact of one day. */
  readonly validUntil: string | null;
  /** When the event was recorded (its metadata's occurredAt): what "as of" filters on. */
  readonly recordedAt: Date;
  /** 1 for a count, fen for money, the number covered or enrolled; negative for a correction. */
  readonly quantity: bigint;
  readonly subjectKind: SubjectKind;
  readonly subjectId: string;
  readonly distinctKey: string | null;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly eventType: string;
}
