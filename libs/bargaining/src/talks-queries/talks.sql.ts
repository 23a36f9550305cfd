import { FILING_DAYS, RESPONSE_DAYS, REVIEW_DAYS } from '../bargaining.vocabulary.js';

/**
 * Every talks row with what follows from its dates on `today` (a `$n::date` placeholder): when the agreement took
 * effect (approval, or the day after the bureau's 15 quiet days), when its term ends, the status on that day and
 * what is due next by when. The same rules as `talksStatusOn` in the decider, for the read side, so lists can be
 * filtered and paged by them; the e2e tests hold both to the same answers.
 */
export function derivedTalksSql(today: string): string {
  const inForce = `
    SELECT w.*,
           CASE WHEN w.stage = 'approved' THEN w.approved_on
                WHEN w.stage = 'filed' AND ${today}::date >= w.filed_on + ${REVIEW_DAYS + 1} THEN w.filed_on + ${REVIEW_DAYS + 1}
           END AS effective_on
      FROM read_model.wage_talks w`;
  const withTerm = `
    SELECT e.*, (e.effective_on + make_interval(years => e.term_years) - interval '1 day')::date AS expires_on FROM (${inForce}) e`;
  const withStatus = `
    SELECT t.*,
           CASE WHEN t.stage = 'withdrawn' THEN 'withdrawn'
                WHEN t.effective_on IS NOT NULL AND ${today}::date > t.expires_on THEN 'expired'
                WHEN t.effective_on IS NOT NULL THEN 'effective'
                WHEN t.stage = 'offered' AND ${today}::date > t.offer_date + ${RESPONSE_DAYS} THEN 'response_overdue'
                ELSE t.stage
           END AS status
      FROM (${withTerm}) t`;
  return `
    SELECT s.*,
           CASE WHEN s.status IN ('offered', 'response_overdue', 'rectification_issued') THEN 'employer_response'
                WHEN s.status = 'refused' THEN 'rectification_opinion'
                WHEN s.status IN ('accepted', 'negotiating') THEN 'agreement'
                WHEN s.status = 'agreed' THEN 'workers_congress_adoption'
                WHEN s.status = 'adopted' THEN 'filing'
                WHEN s.status = 'filed' THEN 'bureau_review'
                WHEN s.status IN ('effective', 'expired') AND s.renewed_by_talks_id IS NULL THEN 'renewal'
           END AS next_kind,
           CASE WHEN s.status IN ('offered', 'response_overdue') THEN s.offer_date + ${RESPONSE_DAYS}
                WHEN s.status = 'rectification_issued' THEN s.rectification_respond_by
                -- Adoption has no period of its own, but filing is due ${FILING_DAYS} days after signing and follows it.
                WHEN s.status IN ('agreed', 'adopted') THEN s.signed_on + ${FILING_DAYS}
                WHEN s.status = 'filed' THEN s.filed_on + ${REVIEW_DAYS}
                WHEN s.status IN ('effective', 'expired') AND s.renewed_by_talks_id IS NULL THEN s.expires_on
           END AS next_due_on
      FROM (${withStatus}) s`;
}

/** The columns a talks view reads from `derivedTalksSql`, with dates as YYYY-MM-DD text. */
export const TALKS_COLUMNS = `
  d.id, d.unit_id, d.scope, d.initiating_union_id, d.topics, d.offer_date::text AS offer_date, d.stage, d.status,
  d.covered_enterprise_count, d.renews_talks_id, d.renewed_by_talks_id, d.employer_decision,
  d.responded_on::text AS responded_on, d.rectification_issued_on::text AS rectification_issued_on,
  d.rectification_respond_by::text AS rectification_respond_by, d.rounds_held, d.signed_on::text AS signed_on, d.term_years,
  d.wage_growth_basis_points, d.minimum_monthly_wage_fen::text AS minimum_monthly_wage_fen, d.other_terms,
  d.adopted_on::text AS adopted_on, d.filed_on::text AS filed_on, d.bureau, d.approved_on::text AS approved_on,
  d.withdrawn_on::text AS withdrawn_on, d.effective_on::text AS effective_on, d.expires_on::text AS expires_on,
  d.next_kind, d.next_due_on::text AS next_due_on, d.revision::text AS revision,
  (SELECT name FROM read_model.units u WHERE u.id = d.unit_id) AS unit_name,
  (SELECT name FROM read_model.unions n WHERE n.id = d.initiating_union_id) AS union_name,
  (SELECT coalesce(json_agg(json_build_object('id', te.enterprise_id, 'name', e.name, 'employeeCount', e.employee_count) ORDER BY e.name, te.enterprise_id), '[]')
     FROM read_model.wage_talks_enterprises te LEFT JOIN read_model.enterprises e ON e.id = te.enterprise_id
    WHERE te.talks_id = d.id) AS enterprises`;

export interface TalksSqlRow {
  id: string;
  unit_id: string;
  scope: string;
  initiating_union_id: string;
  topics: string[];
  offer_date: string;
  stage: string;
  status: string;
  covered_enterprise_count: number;
  renews_talks_id: string | null;
  renewed_by_talks_id: string | null;
  employer_decision: string | null;
  responded_on: string | null;
  rectification_issued_on: string | null;
  rectification_respond_by: string | null;
  rounds_held: number;
  signed_on: string | null;
  term_years: number | null;
  wage_growth_basis_points: number | null;
  minimum_monthly_wage_fen: string | null;
  other_terms: string | null;
  adopted_on: string | null;
  filed_on: string | null;
  bureau: string | null;
  approved_on: string | null;
  withdrawn_on: string | null;
  effective_on: string | null;
  expires_on: string | null;
  next_kind: string | null;
  next_due_on: string | null;
  revision: string;
  unit_name: string | null;
  union_name: string | null;
  enterprises: { id: string; name: string | null; employeeCount: number | null }[];
  total?: number;
}
