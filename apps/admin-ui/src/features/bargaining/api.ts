import { useQuery } from '@tanstack/react-query';
import { api, type Paged } from '../../api/client';

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
export const TALKS_SCOPES = ['enterprise', 'regional', 'industry'] as const;
export const TALKS_TOPICS = ['wage_growth', 'minimum_wage', 'piece_rates', 'labour_quotas', 'women_special_protection'] as const;
export const DEADLINE_KINDS = ['employer_response', 'rectification_opinion', 'agreement', 'workers_congress_adoption', 'filing', 'bureau_review', 'renewal'] as const;

export interface NextDeadline {
  kind: string;
  dueOn: string | null;
  opensOn?: string;
  overdue: boolean;
  daysOverdue: number;
}

export interface WageTalks {
  id: string;
  scope: string;
  unitId: string;
  unitName: string | null;
  initiatingUnionId: string;
  initiatingUnionName: string | null;
  coveredEnterprises: { id: string; name: string | null; employeeCount: number | null }[];
  topics: string[];
  offerDate: string;
  status: TalksStatus;
  nextDeadline: NextDeadline | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  renewsTalksId: string | null;
  renewedByTalksId: string | null;
  revision: number;
}

export interface WageTalksDetail extends WageTalks {
  employerResponse: { decision: string; respondedOn: string } | null;
  rectification: { issuedOn: string; respondBy: string | null } | null;
  roundsHeld: number;
  agreement: {
    signedOn: string;
    termYears: number;
    wageGrowthBasisPoints: number | null;
    minimumMonthlyWageFen: number | null;
    otherTerms: string;
    adoptedOn: string | null;
    filedOn: string | null;
    bureau: string | null;
    approvedOn: string | null;
  } | null;
  withdrawnOn: string | null;
  steps: { revision: number; type: string; on: string; data: Record<string, unknown>; actor: string; recordedAt: string }[];
}

export interface TalksFilter {
  page: number;
  pageSize: number;
  status?: string;
  scope?: string;
  enterpriseId?: string;
  overdue?: boolean;
  kind?: string;
}

export function useWageTalksList(filter: TalksFilter) {
  const { overdue, kind, status, scope, enterpriseId, page, pageSize } = filter;
  return useQuery({
    queryKey: ['wage-talks', 'list', filter],
    queryFn: ({ signal }) =>
      overdue
        ? api.get<Paged<WageTalks>>('/wage-talks/overdue', { page, pageSize, kind }, signal)
        : api.get<Paged<WageTalks>>('/wage-talks', { page, pageSize, status, scope, enterpriseId }, signal),
    placeholderData: (previous) => previous,
  });
}

export function useWageTalks(id: string) {
  return useQuery({ queryKey: ['wage-talks', 'one', id], queryFn: ({ signal }) => api.get<WageTalksDetail>(`/wage-talks/${id}`, undefined, signal) });
}
