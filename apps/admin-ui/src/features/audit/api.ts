import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Paged } from '../../api/client';
import { waitForReadModel } from '../../components/readModel';
import type { Grant, Programme } from '../funds/api';
import { FUND_SOURCES, type Fund, type FundSource, type PoolView } from '../funds/fund-types';

export { FUND_SOURCES, type Fund, type FundSource, type PoolView };

export const ACCESS_KINDS = [
  'SignedIn',
  'SignInFailed',
  'UnknownUserSignInFailed',
  'AccountLocked',
  'SignedOut',
  'AccountCreated',
  'AccountRoleChanged',
  'AccountMoved',
  'PasswordChanged',
  'AccountDisabled',
  'AccountEnabled',
  'PersonalRecordRead',
] as const;


export interface LedgerLine {
  fundId: string;
  revision: number;
  position: string;
  eventId: string;
  eventType: string;
  occurredAt: string;
  valueDate: string;
  actor: string;
  actorName?: string | null;
  kind: string;
  amountFen: number;
  reservedChangeFen: number;
  balanceAfterFen: number;
  reservedAfterFen: number;
  pool: string | null;
  grantId: string | null;
  programmeId: string | null;
  reference: string | null;
  counterpart: string | null;
  description: string | null;
}

export interface BalanceAsOf {
  fundId: string;
  fundName: string;
  asOf: string;
  balanceFen: number;
  reservedFen: number;
  availableFen: number;
  pools: PoolView[];
  entriesCounted: number;
  lastEntry: LedgerLine | null;
}

export interface ReplayResult {
  fundId: string;
  asOf: string | null;
  matches: boolean;
  firstDifference?: unknown;
  entries: number;
  readModelEntries: number;
  balanceFen: number;
  reservedFen: number;
  streamRevision: number;
  projectedRevision: number;
}

export interface Disbursements extends Paged<Grant> {
  totals: { count: number; disbursedFen: number; reversedFen: number; netFen: number };
}

export interface Checkpoint {
  sequence: number;
  position: string;
  eventId: string;
  chainHash: string;
  createdAt: string;
  keyId: string;
  signature: string;
}

export interface EventReference {
  eventId: string;
  streamName: string;
  revision: number;
  position: string;
  sequence?: number;
}

export interface VerifyReport {
  ok: boolean;
  checkedAt: string;
  verifiedEvents: number;
  chainedEvents: number;
  latestCheckpoint: Checkpoint | null;
  checkpointsHeld: number;
  unsealedEvents: number;
  keptCheckpoint?: { sequence: number; held: boolean };
  firstProblem?: {
    kind: string;
    sequence: number;
    event?: EventReference;
    expected?: EventReference;
    expectedHash?: string;
    foundHash?: string;
    checkpoint?: Checkpoint;
    between?: { fromSequence: number; toSequence: number };
    message: string;
  };
}

export interface AccessLogEntry {
  position: string;
  occurredAt: string;
  kind: string;
  actorId: string;
  actorUsername: string | null;
  userId: string | null;
  username: string | null;
  unitId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: string;
}

export interface FundReconciliation {
  fundId: string;
  fundName: string;
  unitId: string;
  source: string;
  openingBalanceFen: number;
  moneyInFen: number;
  transfersInFen: number;
  transfersOutFen: number;
  disbursedFen: number;
  reversedFen: number;
  moneyOutFen: number;
  closingBalanceFen: number;
  closingBalanceFromEventsFen: number;
  reconciled: boolean;
}

export interface ProgrammeReconciliation {
  programmeId: string;
  programmeName: string;
  unitId: string;
  year: number;
  disbursedFromGrantsFen: number;
  reversedFromGrantsFen: number;
  paidOutInLedgersFen: number;
  reversedInLedgersFen: number;
  reconciled: boolean;
}

export interface Reconciliation {
  from: string;
  to: string;
  funds: FundReconciliation[];
  programmes: ProgrammeReconciliation[];
  reconciled: boolean;
}

/** Every fund the caller sees (for selects and for naming the other side of a transfer). */
export function useAllFunds() {
  return useQuery({
    queryKey: ['funds', 'all'],
    queryFn: () => api.get<Paged<Fund>>('/funds', { page: 1, pageSize: 100 }).then((page) => page.items),
    staleTime: 30_000,
  });
}

export function useProgrammes() {
  return useQuery({
    queryKey: ['aid-programmes', 'all'],
    queryFn: () => api.get<Paged<Programme>>('/aid-programmes', { page: 1, pageSize: 100 }).then((page) => page.items),
    staleTime: 60_000,
  });
}

export function useFund(id: string) {
  return useQuery({ queryKey: ['funds', 'one', id], queryFn: () => api.get<Fund>(`/funds/${id}`) });
}

export function useLedger(id: string, query: { page: number; pageSize: number; from?: string; to?: string }) {
  return useQuery({
    queryKey: ['funds', 'ledger', id, query],
    queryFn: () => api.get<Paged<LedgerLine> & { fundName: string }>(`/funds/${id}/ledger`, query),
    placeholderData: keepPreviousData,
  });
}

/**
 * The read side follows the log a moment behind: after a command, wait (briefly) until the fund's row shows the
 * revision the command wrote, so the page refreshed next shows it. Gives up quietly after a few seconds.
 */
export const waitForFund = (id: string, revision: number): Promise<void> =>
  waitForReadModel(
    () => api.get<Fund>(`/funds/${id}`),
    (fund) => fund.revision >= revision,
    // Any failed read may be a fund not projected yet.
    { attempts: 20, intervalMs: 250, keepTrying: () => true },
  );
