/** A fund account as GET /api/funds returns it: shared by the aid pages and the auditor's ledgers. */
export const FUND_SOURCES = ['government_allocation', 'union_funds', 'social_donations', 'medical_mutual_aid'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];
export interface PoolView {
  pool: string;
  restriction: { programmeId: string } | { programmeKind: string } | null;
  balanceFen: number;
  reservedFen: number;
  availableFen: number;
}

export interface Fund {
  id: string;
  unitId: string;
  unitName: string | null;
  source: FundSource;
  name: string;
  openedOn: string;
  balanceFen: number;
  reservedFen: number;
  availableFen: number;
  pools: PoolView[];
  revision: number;
  updatedAt: string;
}
