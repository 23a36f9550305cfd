import { useQuery } from '@tanstack/react-query';
import { api, type Paged } from '../../api/client';
import { useRefreshSoon as useSharedRefreshSoon } from '../../components/readModel';

/** The API's vocabularies (libs/employment/src/employment.vocabulary.ts). */
export const SEEKER_KINDS = ['laid_off_worker', 'migrant_worker', 'graduate', 'other_unemployed'] as const;
export const GENDERS = ['female', 'male'] as const;
export const SEEKER_STATUSES = ['registered', 'in_training', 'referred', 'rehired'] as const;
export const COURSE_TYPES = ['welding', 'computing', 'cooking', 'domestic_service', 'garment_making', 'electrician', 'driving', 'other'] as const;
export const DROP_OUT_REASONS = ['found_work', 'health', 'family', 'moved_away', 'lost_contact', 'other'] as const;
export const REHIRE_CHANNELS = ['job_fair', 'referral', 'training_base', 'self_employment'] as const;
export const REFERRAL_OUTCOMES = ['not_hired', 'seeker_declined'] as const;
export const JOB_LOSS_REASONS = ['contract_ended', 'laid_off', 'business_closed', 'resigned', 'dismissed', 'other'] as const;

/** Same shapes as the API's validators (libs/http/src/validation.ts). */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** A resident ID: 17 digits and a check character (ISO 7064 MOD 11-2), as the server checks it. */
export function isResidentId(value: string): boolean {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

export interface JobSeekerListItem {
  id: string;
  name: string | null;
  phoneMasked: string | null;
  residentIdMasked: string | null;
  skills: string[] | null;
  personalDataErased: boolean;
  kind: string;
  gender: string;
  unitId: string;
  unitName: string | null;
  status: string;
  cycle: number;
  registeredOn: string;
  rehiredOn: string | null;
  openTrainings: number;
  openReferrals: number;
  revision: number;
}

export interface Training {
  id: string;
  cycle: number;
  courseType: string;
  courseName: string;
  provider: string;
  startsOn: string;
  endsOn: string;
  status: 'enrolled' | 'completed' | 'dropped_out' | string;
  completedOn: string | null;
  certified: boolean | null;
  droppedOn: string | null;
  dropOutReason: string | null;
}

export interface Referral {
  id: string;
  cycle: number;
  employer: string;
  position: string;
  fairId: string | null;
  positionId: string | null;
  referredOn: string;
  status: 'open' | 'hired' | 'not_hired' | 'seeker_declined' | 'superseded' | string;
  closedOn: string | null;
}

export interface Rehiring {
  employer: string;
  position: string;
  startedOn: string;
  channel: string;
  referralId: string | null;
  fairId: string | null;
}

export interface JobSeekerDetail extends JobSeekerListItem {
  personId: string;
  firstRegisteredOn: string;
  phone: string | null;
  residentId: string | null;
  wantedWork: string | null;
  notes: string | null;
  trainings: Training[];
  referrals: Referral[];
  cycles: { cycle: number; kind: string; registeredOn: string; lostJobOn: string | null; jobLossReason: string | null; rehiring: Rehiring | null }[];
}

export interface HistoryEntry {
  type: string;
  revision: number;
  position: string;
  occurredAt: string;
  recordedAt: string;
  actor: string | null;
  data: Record<string, unknown>;
}

export interface FairPosition {
  id: string;
  employer: string;
  position: string;
  count: number;
}

export interface JobFair {
  id: string;
  name: string;
  heldOn: string;
  place: string;
  organiser: string;
  unitId: string;
  unitName: string | null;
  positionsOffered: number;
  employers: number;
  positions: FairPosition[];
  revision: number;
}

export interface EmploymentFigures {
  from: string;
  to: string;
  unitId: string;
  registered: { total: number; again: number; women: number; byKind: Record<string, number> };
  rehired: { total: number; women: number; byChannel: Record<string, number>; byKind: Record<string, number> };
  trained: { completions: number; people: number; certified: number; droppedOut: number; byCourse: Record<string, number> };
  jobFairs: { held: number; positionsOffered: number; employers: number };
  referrals: { made: number; ledToJob: number };
  nowByStatus: Record<string, number>;
}

/** What a command answers: the stream's new revision (the next If-Match) and the ids it made. */
export interface CommandResult {
  id: string;
  revision: number;
  trainingId?: string;
  referralId?: string;
  positionIds?: string[];
}

export const seekerKey = (id: string) => ['employment', 'seeker', id] as const;
export const fairKey = (id: string) => ['employment', 'fair', id] as const;

export function useSeeker(id: string) {
  return useQuery({ queryKey: seekerKey(id), queryFn: () => api.get<JobSeekerDetail>(`/job-seekers/${id}`) });
}

export function useFair(id: string | undefined) {
  return useQuery({ queryKey: fairKey(id ?? ''), queryFn: () => api.get<JobFair>(`/job-fairs/${id}`), enabled: !!id });
}

/** Fairs to pick from in a form (the newest hundred of the user's units). */
export function useFairChoices(enabled = true) {
  return useQuery({
    queryKey: ['employment', 'fairs', 'choices'],
    queryFn: () => api.get<Paged<JobFair>>('/job-fairs', { page: 1, pageSize: 100 }).then((page) => page.items),
    enabled,
    staleTime: 30_000,
  });
}

/**
 * The read side catches up with a command a moment later: refetch now and again shortly, so the page shows
 * what was just recorded without the user pressing reload.
 */
const EMPLOYMENT_QUERIES = ['employment'] as const;
export const useRefreshSoon = () => useSharedRefreshSoon(EMPLOYMENT_QUERIES);
