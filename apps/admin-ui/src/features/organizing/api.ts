import { useQuery } from '@tanstack/react-query';
import { api, type Paged } from '../../api/client';

export const OWNERSHIPS = ['state_owned', 'non_public', 'foreign_funded', 'public_institution', 'government_organ'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const UNION_KINDS = ['independent', 'joint', 'building_joint', 'industry', 'regional'] as const;
export type UnionKind = (typeof UNION_KINDS)[number];
export const ENTERPRISE_STATUSES = ['unionized', 'not_unionized'] as const;

/** Industries offered in the register form (the API takes any text up to 100 characters). */
export const INDUSTRIES = [
  'manufacturing',
  'construction',
  'wholesale_retail',
  'transport_logistics',
  'accommodation_catering',
  'mining',
  'agriculture',
  'it_services',
  'finance',
  'real_estate',
  'education',
  'health',
  'other',
] as const;

export interface Enterprise {
  id: string;
  name: string;
  creditCode: string;
  ownership: string;
  industry: string;
  unitId: string | null;
  unitName: string | null;
  employeeCount: number;
  womenEmployeeCount: number;
  registeredOn: string;
  status: 'unionized' | 'not_unionized';
  unionId: string | null;
  unionizedOn: string | null;
  survey: { reason: string; targetDate: string; surveyedOn: string } | null;
  revision: number;
}

export interface Union {
  id: string;
  name: string;
  kind: string;
  unitId: string | null;
  unitName: string | null;
  foundedOn: string;
  chairName: string;
  initialMemberCount: number;
  womenCommitteeFounded: boolean;
  auditCommitteeFounded: boolean;
  coveredEnterpriseCount: number;
  status: string;
  revision: number;
}

export interface UnionDetail extends Union {
  coveredEnterprises: Enterprise[];
}

export interface HistoryEntry {
  type: string;
  revision: number;
  position: string;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  correlationId: string;
  data: Record<string, unknown>;
}

export interface UnionizationRate {
  registered: number;
  unionized: number;
  ratePercent: number | null;
}

export interface OrganizingFigures {
  year: number;
  unitId: string;
  newUnions: { total: number; byKind: Record<string, number>; enterprisesCovered: number; members: number };
  nonPublicUnionization: UnionizationRate;
  nonPublicTenOrMoreUnionization: UnionizationRate;
  atYearEnd: { activeUnions: number; enterprisesCovered: number; members: number };
}

export interface EnterpriseFilter {
  page: number;
  pageSize: number;
  search?: string;
  unitId?: string;
  status?: string;
}

export function useEnterprises(filter: EnterpriseFilter) {
  return useQuery({
    queryKey: ['enterprises', 'list', filter],
    queryFn: ({ signal }) => api.get<Paged<Enterprise>>('/enterprises', { ...filter }, signal),
    placeholderData: (previous) => previous,
  });
}

export function useEnterprise(id: string) {
  return useQuery({ queryKey: ['enterprises', 'one', id], queryFn: ({ signal }) => api.get<Enterprise>(`/enterprises/${id}`, undefined, signal) });
}

export function useEnterpriseHistory(id: string) {
  return useQuery({
    queryKey: ['enterprises', 'history', id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`/enterprises/${id}/history`, undefined, signal),
  });
}

export interface UnionFilter {
  page: number;
  pageSize: number;
  unitId?: string;
  kind?: string;
}

export function useUnions(filter: UnionFilter) {
  return useQuery({
    queryKey: ['unions', 'list', filter],
    queryFn: ({ signal }) => api.get<Paged<Union>>('/unions', { ...filter }, signal),
    placeholderData: (previous) => previous,
  });
}

export function useUnion(id: string | null | undefined) {
  return useQuery({
    queryKey: ['unions', 'one', id],
    queryFn: ({ signal }) => api.get<UnionDetail>(`/unions/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useUnionHistory(id: string) {
  return useQuery({
    queryKey: ['unions', 'history', id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`/unions/${id}/history`, undefined, signal),
  });
}

export function useOrganizingFigures(year: number) {
  return useQuery({
    queryKey: ['figures', 'organizing', year],
    queryFn: ({ signal }) => api.get<OrganizingFigures>('/figures/organizing', { year }, signal),
  });
}

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The server's check of a unified social credit code (GB 32100-2015): 'length', 'chars', 'check' or undefined when valid. */
export function creditCodeProblem(code: string): 'length' | 'chars' | 'check' | undefined {
  if (code.length !== 18) return 'length';
  const values: number[] = [];
  for (const char of code) {
    const value = CREDIT_CODE_ALPHABET.indexOf(char);
    if (value < 0) return 'chars';
    values.push(value);
  }
  const sum = CREDIT_CODE_WEIGHTS.reduce((total, weight, index) => total + weight * values[index], 0);
  return code[17] === CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] ? undefined : 'check';
}
