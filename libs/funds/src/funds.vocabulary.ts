import { AID_PROGRAMMES, HARDSHIP_TIERS, type AidProgramme, type HardshipTier } from '#casework';

export { AID_PROGRAMMES, HARDSHIP_TIERS, type AidProgramme, type HardshipTier };

/** Where a fund's money comes from (经费来源). */
export const FUND_SOURCES = [
  'government_allocation', // 财政专项帮扶资金
  'union_funds', // 工会经费
  'social_donations', // 社会捐助
  'medical_mutual_aid', // 职工医疗互助
] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/** How a grant reaches the household. */
export const DISBURSEMENT_METHODS = ['cash', 'bank_transfer', 'in_kind'] as const;
export type DisbursementMethod = (typeof DISBURSEMENT_METHODS)[number];

/** Levels of schooling an education grant (金秋助学) may be for; the admission is recorded with the proposal. */
export const ADMISSION_LEVELS = ['university', 'high_school'] as const;
export type AdmissionLevel = (typeof ADMISSION_LEVELS)[number];

/** Who a grant is for: a household on the hardship register, or a worker without a file (for programmes that allow it). */
export const RECIPIENT_KINDS = ['hardship_file', 'worker'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/**
 * What restricted money may pay for: one programme, or every programme of a kind (for example "for students":
 * golden_autumn_education). Unrestricted money sits in the fund's general pool.
 */
export type Restriction = { readonly programmeId: string } | { readonly programmeKind: AidProgramme };

/** The pool restricted or unrestricted money is kept in, inside one fund. */
export type PoolKey = 'general' | `programme:${string}` | `purpose:${AidProgramme}`;

export function poolOf(restriction: Restriction | null): PoolKey {
  if (restriction === null) return 'general';
  return 'programmeId' in restriction ? `programme:${restriction.programmeId}` : `purpose:${restriction.programmeKind}`;
}

/** The pools a grant under this programme may draw from, restricted money first, so it is spent on its purpose. */
export function poolsFor(programmeId: string, kind: AidProgramme): PoolKey[] {
  return [`programme:${programmeId}`, `purpose:${kind}`, 'general'];
}

/** Personal fields as they travel inside event data: only the pseudonymous person id is readable. */
export interface Sealed {
  readonly personId: string;
  readonly sealed: string;
}

/** Sealed with a grant to a worker without a file. */
export interface RecipientPersonalData {
  name: string;
  residentId: string;
}

/** Sealed with an education grant: the student the admission is for. */
export interface AdmissionPersonalData {
  studentName: string;
}
