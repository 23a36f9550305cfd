import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export const CATEGORIES = ['illness', 'disability', 'schooling', 'disaster_accident', 'unemployment', 'single_parent_woman', 'model_worker', 'migrant_worker'] as const;
export type Category = (typeof CATEGORIES)[number];
export const TIERS = ['deep', 'relative', 'accident'] as const;
export type Tier = (typeof TIERS)[number];
export const GENDERS = ['female', 'male'] as const;
export const LEAVING_REASONS = ['out_of_hardship', 'government_support', 'retired', 'transferred', 'deceased'] as const;
export const VISIT_OCCASIONS = ['hospitalized', 'bereavement', 'family_hardship', 'accident_disaster', 'family_conflict', 'festival', 'review', 'other'] as const;
export const REVIEW_OUTCOMES = ['still_in_hardship', 'recovered'] as const;
export const FILE_STATUSES = ['open', 'closed'] as const;

/** A file as lists show it (GET /hardship-files): ID number and phone masked. */
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
  reviewOverdue: boolean;
  leavingReason: string | null;
  leftOn: string | null;
  visitCount: number;
  lastVisitedOn: string | null;
  aidRequestCount: number;
  aidRequestedFen: number;
  revision: number;
}

export interface FiveClears {
  familySituation: string;
  causeOfHardship: string;
  stateOfMind: string;
  employmentNeeds: string;
  skills: string;
}

/** GET /hardship-files/:id: the summary with the worker's personal data (null once erased). */
export interface FileDetail extends FileSummary {
  personId: string;
  enterpriseId: string | null;
  surveyedOn: string;
  residentId: string | null;
  phone: string | null;
  address: string | null;
  illnessDetails: string | null;
  fiveClears: FiveClears | null;
}

export interface TimelineEntry {
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  position: string;
  actor: { userId: string; displayName: string | null };
  data: Record<string, unknown>;
  personalDataErased: boolean;
}

export interface FilePage {
  items: FileSummary[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ReviewsDue {
  asOf: string;
  overdue: number;
  items: (FileSummary & { daysOverdue: number })[];
  page: number;
  pageSize: number;
  total: number;
}

export interface RegisterFigures {
  asOf: string;
  onRegister: number;
  byTier: Record<Tier, number>;
  byCategory: Record<Category, number>;
  byUnit: { unitId: string; unitName: string | null; onRegister: number }[];
  reviewsOverdue: number;
  left: number;
  leftByReason: Record<string, number>;
  visits: number;
  aidRequests: number;
  aidRequestedFen: number;
}

/** An aid grant of the funds context (GET /aid-grants?fileId=), only what this page shows. */
export interface GrantRow {
  id: string;
  status: string;
  programme: { id: string; name: string | null; kind: string };
  amountFen: number;
  proposal: { on: string; by: { displayName: string | null } };
  disbursement: { paidOn: string } | null;
}

export interface EnterpriseOption {
  id: string;
  name: string;
  creditCode: string;
}

export interface RegisterFilter {
  name?: string;
  status?: string;
  unitId?: string;
  category?: string;
  tier?: string;
  page: number;
  pageSize: number;
}

export const keys = {
  all: ['casework'] as const,
  list: (filter: RegisterFilter) => ['casework', 'files', filter] as const,
  search: (residentId: string) => ['casework', 'search', residentId] as const,
  file: (id: string) => ['casework', 'file', id] as const,
  timeline: (id: string) => ['casework', 'timeline', id] as const,
  grants: (id: string) => ['casework', 'grants', id] as const,
  reviewsDue: (params: object) => ['casework', 'reviews-due', params] as const,
  figures: ['casework', 'figures'] as const,
};

export function useFileList(filter: RegisterFilter, enabled = true) {
  return useQuery({
    queryKey: keys.list(filter),
    queryFn: ({ signal }) => api.get<FilePage>('/hardship-files', { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The ID number goes in a POST body, never in a URL. */
export function useResidentIdSearch(residentId: string | null) {
  return useQuery({
    queryKey: keys.search(residentId ?? ''),
    queryFn: () => api.post<FilePage>('/hardship-files/search', { residentId }),
    enabled: !!residentId,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useFile(id: string) {
  return useQuery({ queryKey: keys.file(id), queryFn: ({ signal }) => api.get<FileDetail>(`/hardship-files/${id}`, undefined, signal) });
}

export function useTimeline(id: string) {
  return useQuery({ queryKey: keys.timeline(id), queryFn: ({ signal }) => api.get<TimelineEntry[]>(`/hardship-files/${id}/timeline`, undefined, signal) });
}

export function useFileGrants(id: string) {
  return useQuery({
    queryKey: keys.grants(id),
    queryFn: ({ signal }) => api.get<{ items: GrantRow[]; total: number }>('/aid-grants', { fileId: id, pageSize: 100 }, signal),
  });
}

export function useReviewsDue(params: { page: number; pageSize: number; withinDays: number; unitId?: string }) {
  return useQuery({
    queryKey: keys.reviewsDue(params),
    queryFn: ({ signal }) => api.get<ReviewsDue>('/hardship-files/reviews-due', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFigures() {
  return useQuery({ queryKey: keys.figures, queryFn: ({ signal }) => api.get<RegisterFigures>('/figures/hardship', undefined, signal) });
}

export function useEnterpriseOptions(search: string) {
  return useQuery<EnterpriseOption[]>({
    queryKey: ['casework', 'enterprises', search],
    queryFn: ({ signal }) => api.get<{ items: EnterpriseOption[] }>('/enterprises', { search: search || undefined, pageSize: 20 }, signal).then((page) => page.items),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
