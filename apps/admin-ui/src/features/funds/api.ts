import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ApiError, type Paged } from '../../api/client';
import { waitForReadModel } from '../../components/readModel';
import type { Fund } from './fund-types';

export const GRANT_STATUSES = ['proposed', 'granted', 'disbursed', 'rejected', 'revoked', 'reversed'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export const AID_PROGRAMMES = [
  'winter_warmth',
  'golden_autumn_education',
  'summer_cooling',
  'spring_employment',
  'medical_aid',
  'living_subsidy',
  'temporary_aid',
  'cancer_screening',
  'in_kind',
] as const;
export type AidProgrammeKind = (typeof AID_PROGRAMMES)[number];
export const HARDSHIP_TIERS = ['deep', 'relative', 'accident'] as const;
export const RECIPIENT_KINDS = ['hardship_file', 'worker'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export const ADMISSION_LEVELS = ['university', 'high_school'] as const;
export const DISBURSEMENT_METHODS = ['cash', 'bank_transfer', 'in_kind'] as const;
export type DisbursementMethod = (typeof DISBURSEMENT_METHODS)[number];

export interface UserRef {
  userId: string;
  displayName: string | null;
}

export interface EventBehind {
  eventId: string;
  type: string;
  revision: number;
  position: string;
  occurredAt: string;
  actor: string;
}

/** An event of a fund's stream behind a grant: what it moved. */
export interface FundEventBehind extends EventBehind {
  fundId: string;
  amountFen: number;
  reservedChangeFen: number;
}

export interface Grant {
  id: string;
  status: GrantStatus;
  unitId: string;
  unitName: string | null;
  programme: { id: string; name: string | null; kind: AidProgrammeKind };
  fund: { id: string; name: string | null };
  amountFen: number;
  pool: string | null;
  recipient: { kind: RecipientKind; fileId: string | null; personId: string; name: string | null; personalDataErased: boolean };
  admission: { level: string; school: string | null } | null;
  thresholdFen: number;
  proposal: { by: UserRef; on: string; at: string; eventId: string };
  approval: { kind: 'within_threshold' | 'supervisor'; by: UserRef | null; on: string; at: string; eventId: string } | null;
  rejection: { reason: string; on: string; eventId: string } | null;
  disbursement: {
    paidOn: string;
    method: DisbursementMethod;
    receiptReference: string;
    inKindDescription: string | null;
    by: UserRef;
    at: string;
    eventId: string;
    position: string;
  } | null;
  revocation: { reason: string; on: string; eventId: string } | null;
  reversal: { reason: string; on: string; eventId: string } | null;
  events: EventBehind[];
  fundEvents: FundEventBehind[];
  revision: number;
}

export interface GrantDetail extends Grant {
  reason: Record<string, unknown> | null;
  studentName: string | null;
}

export interface Programme {
  id: string;
  unitId: string;
  unitName: string | null;
  year: number;
  kind: AidProgrammeKind;
  name: string;
  householdCapFen: number;
  oneGrantPerHousehold: boolean;
  eligibility: { recipients: RecipientKind[]; tiers: string[]; admissionLevels: string[] };
  opensOn: string;
  closesOn: string;
  status: 'open' | 'closed';
  closedOn: string | null;
  grants: Record<GrantStatus, number>;
  reservedFen: number;
  disbursedFen: number;
  approvalThresholdFen: number;
  revision: number;
}

export interface HardshipFile {
  id: string;
  unitId: string;
  unitName: string | null;
  name: string | null;
  residentIdMasked: string | null;
  personalDataErased: boolean;
  tier: string;
  status: 'open' | 'closed';
  categories: string[];
}

export interface Written {
  id: string;
  status?: string;
  revision?: number;
}

export interface GrantFilter {
  status?: string;
  programmeId?: string;
  fundId?: string;
  fileId?: string;
  unitId?: string;
  awaitingMyApproval?: 'true';
  page: number;
  pageSize: number;
}

export const aidKeys = {
  grants: ['aid-grants'] as const,
  programmes: ['aid-programmes'] as const,
  funds: ['funds'] as const,
};

export function useGrants(filter: GrantFilter, enabled = true) {
  return useQuery({
    queryKey: [...aidKeys.grants, 'list', filter],
    queryFn: ({ signal }) => api.get<Paged<Grant>>('/aid-grants', { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A grant just written may not be in the read model for a moment: a 404 is tried again a few times. */
const notYetProjected = (count: number, error: Error) => count < 6 && error instanceof ApiError && error.status === 404;

export function useGrant(id: string | undefined) {
  return useQuery({
    queryKey: [...aidKeys.grants, 'one', id],
    queryFn: ({ signal }) => api.get<GrantDetail>(`/aid-grants/${id}`, undefined, signal),
    enabled: !!id,
    retry: notYetProjected,
    retryDelay: 400,
  });
}

export function useProgrammes(filter: { year?: number; page?: number; pageSize?: number } = {}) {
  const query = { page: filter.page ?? 1, pageSize: filter.pageSize ?? 100, year: filter.year };
  return useQuery({
    queryKey: [...aidKeys.programmes, 'list', query],
    queryFn: ({ signal }) => api.get<Paged<Programme>>('/aid-programmes', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: [...aidKeys.programmes, 'one', id],
    queryFn: ({ signal }) => api.get<Programme>(`/aid-programmes/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useFunds() {
  return useQuery({
    queryKey: [...aidKeys.funds, 'list'],
    queryFn: ({ signal }) => api.get<Paged<Fund>>('/funds', { page: 1, pageSize: 100 }, signal),
    staleTime: 30_000,
  });
}

export function useFund(id: string | undefined) {
  return useQuery({
    queryKey: [...aidKeys.funds, 'one', id],
    queryFn: ({ signal }) => api.get<Fund>(`/funds/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useHardshipFile(id: string | undefined) {
  return useQuery({
    queryKey: ['hardship-files', 'one', id],
    queryFn: ({ signal }) => api.get<HardshipFile>(`/hardship-files/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Files on the register whose name matches, for choosing a recipient. */
export function useFileSearch(name: string) {
  return useQuery({
    queryKey: ['hardship-files', 'search', name],
    queryFn: ({ signal }) => api.get<Paged<HardshipFile>>('/hardship-files', { status: 'open', name: name || undefined, page: 1, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

/** What a grant under this programme may draw on in this fund: the best of its programme's, its kind's and the general pool. */
export function availableForProgramme(fund: Fund, programme: Pick<Programme, 'id' | 'kind'>): number {
  const pools = new Set([`programme:${programme.id}`, `purpose:${programme.kind}`, 'general']);
  return fund.pools.filter((pool) => pools.has(pool.pool)).reduce((best, pool) => Math.max(best, pool.availableFen), 0);
}

/** Where a programme stands today: open, closed, or open but outside its dates. */
export function programmeState(programme: Programme, today: string): 'open' | 'closed' | 'upcoming' | 'expired' {
  if (programme.status === 'closed') return 'closed';
  if (today < programme.opensOn) return 'upcoming';
  if (today > programme.closesOn) return 'expired';
  return 'open';
}

export const HELD_STATUSES: readonly GrantStatus[] = ['proposed', 'granted', 'disbursed'];

export const waitForGrant = (id: string, revision: number | undefined) =>
  waitForReadModel(
    () => api.get<Grant>(`/aid-grants/${id}`),
    (grant) => revision === undefined || grant.revision >= revision,
  );
