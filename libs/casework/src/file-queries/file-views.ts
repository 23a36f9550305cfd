import type { EntityManager } from 'typeorm';
import type { FiveClears } from '../casework.vocabulary.js';

/** A file as lists show it: the name, and the ID number and phone masked. */
export interface FileSummary {
  id: string;
  unitId: string;
  unitName: string | null;
  name: string | null;
  residentIdMasked: string | null;
  phoneMasked: string | null;
  personalDataErased: boolean;
  gender: string;
  employerName: string | null;
  householdSize: number;
  perCapitaMonthlyIncomeFen: number;
  minimumLivingStandardFen: number;
  categories: string[];
  tier: string;
  status: string;
  openedOn: string;
  onRegisterSince: string;
  lastReviewedOn: string | null;
  nextReviewDue: string | null;
  /** Open and past its review date, as of today in Asia/Shanghai. */
  reviewOverdue: boolean;
  leavingReason: string | null;
  leftOn: string | null;
  visitCount: number;
  lastVisitedOn: string | null;
  aidRequestCount: number;
  aidRequestedFen: number;
  revision: number;
}

/** The full record: the summary, the employer, and the worker's unsealed personal data (null once erased). */
export interface FileDetail extends FileSummary {
  /** Pseudonymous: what an admin's "erase person" takes. */
  personId: string;
  enterpriseId: string | null;
  surveyedOn: string;
  residentId: string | null;
  phone: string | null;
  address: string | null;
  illnessDetails: string | null;
  fiveClears: FiveClears | null;
}

export const SUMMARY_COLUMNS = `
  f.id, f.unit_id, u.name AS unit_name, f.name, f.resident_id_masked, f.phone_masked, f.personal_data_erased, f.gender,
  f.enterprise_id, f.employer_name, f.household_size, f.per_capita_monthly_income_fen, f.minimum_living_standard_fen,
  f.categories, f.tier, f.status, to_char(f.surveyed_on, 'YYYY-MM-DD') AS surveyed_on, to_char(f.opened_on, 'YYYY-MM-DD') AS opened_on,
  to_char(f.on_register_since, 'YYYY-MM-DD') AS on_register_since, to_char(f.last_reviewed_on, 'YYYY-MM-DD') AS last_reviewed_on,
  to_char(f.next_review_due, 'YYYY-MM-DD') AS next_review_due, f.leaving_reason, to_char(f.left_on, 'YYYY-MM-DD') AS left_on,
  f.visit_count, to_char(f.last_visited_on, 'YYYY-MM-DD') AS last_visited_on, f.aid_request_count, f.aid_requested_fen, f.revision`;
export const SUMMARY_FROM = `read_model.hardship_files f LEFT JOIN read_model.units u ON u.id = f.unit_id`;

export interface SummaryRow {
  id: string;
  unit_id: string;
  unit_name: string | null;
  name: string | null;
  resident_id_masked: string | null;
  phone_masked: string | null;
  personal_data_erased: boolean;
  gender: string;
  enterprise_id: string | null;
  employer_name: string | null;
  household_size: number;
  per_capita_monthly_income_fen: string;
  minimum_living_standard_fen: string;
  categories: string[];
  tier: string;
  status: string;
  surveyed_on: string;
  opened_on: string;
  on_register_since: string;
  last_reviewed_on: string | null;
  next_review_due: string | null;
  leaving_reason: string | null;
  left_on: string | null;
  visit_count: number;
  last_visited_on: string | null;
  aid_request_count: number;
  aid_requested_fen: string;
  revision: string;
}

export function toSummary(row: SummaryRow, today: string): FileSummary {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    name: row.name,
    residentIdMasked: row.resident_id_masked,
    phoneMasked: row.phone_masked,
    personalDataErased: row.personal_data_erased,
    gender: row.gender,
    employerName: row.employer_name,
    householdSize: row.household_size,
    perCapitaMonthlyIncomeFen: Number(row.per_capita_monthly_income_fen),
    minimumLivingStandardFen: Number(row.minimum_living_standard_fen),
    categories: row.categories,
    tier: row.tier,
    status: row.status,
    openedOn: row.opened_on,
    onRegisterSince: row.on_register_since,
    lastReviewedOn: row.last_reviewed_on,
    nextReviewDue: row.next_review_due,
    reviewOverdue: row.status === 'open' && row.next_review_due !== null && row.next_review_due < today,
    leavingReason: row.leaving_reason,
    leftOn: row.left_on,
    visitCount: row.visit_count,
    lastVisitedOn: row.last_visited_on,
    aidRequestCount: row.aid_request_count,
    aidRequestedFen: Number(row.aid_requested_fen),
    revision: Number(row.revision),
  };
}

export async function selectSummaries(
  manager: EntityManager,
  where: string,
  params: unknown[],
  page: { page: number; pageSize: number },
  orderBy = 'f.name NULLS LAST, f.id',
): Promise<{ rows: SummaryRow[]; total: number }> {
  const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM read_model.hardship_files f WHERE ${where}`, params);
  const rows: SummaryRow[] = await manager.query(
    `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE ${where} ORDER BY ${orderBy} LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`,
    params,
  );
  return { rows, total };
}
