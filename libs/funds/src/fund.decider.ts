import { addFen, assertNever, DomainError, subtractFen, ZERO_FEN, type DomainEvent, type Fen } from '#shared-kernel';
import { poolOf, poolsFor, type AidProgramme, type FundSource, type PoolKey, type Restriction } from './funds.vocabulary.js';

export type FundOpened = DomainEvent<'FundOpened', { fundId: string; unitId: string; source: FundSource; name: string; openedOn: string }>;
/** Money allocated to the fund: a government special allocation (财政专款) or an appropriation of union funds. */
export type FundsAllocated = DomainEvent<
  'FundsAllocated',
  { fundId: string; allocationId: string; amountFen: Fen; reference: string; receivedOn: string }
>;
export type DonationReceived = DomainEvent<
  'DonationReceived',
  { fundId: string; donationId: string; donor: string; amountFen: Fen; receivedOn: string; restriction: Restriction | null; pool: PoolKey }
>;
/** Members' contributions to the medical mutual-aid fund. */
export type ContributionsReceived = DomainEvent<
  'ContributionsReceived',
  { fundId: string; contributionId: string; amountFen: Fen; memberCount: number; period: string; receivedOn: string }
>;
export type FundTransferredOut = DomainEvent<
  'FundTransferredOut',
  { fundId: string; transferId: string; toFundId: string; amountFen: Fen; reason: string; transferredOn: string }
>;
export type FundTransferredIn = DomainEvent<
  'FundTransferredIn',
  { fundId: string; transferId: string; fromFundId: string; amountFen: Fen; reason: string; transferredOn: string }
>;
/** An approved grant holds its amount: it can no longer pay for anything else. */
export type AidReserved = DomainEvent<'AidReserved', { fundId: string; grantId: string; programmeId: string; amountFen: Fen; pool: PoolKey }>;
/** A revoked grant gives its reservation back. */
export type ReservationReleased = DomainEvent<'ReservationReleased', { fundId: string; grantId: string; amountFen: Fen; pool: PoolKey }>;
/** The reserved amount left the fund with the disbursement. */
export type AidPaidOut = DomainEvent<
  'AidPaidOut',
  { fundId: string; grantId: string; programmeId: string; amountFen: Fen; pool: PoolKey; paidOn: string; receiptReference: string }
>;
/** A disbursement found to be a mistake, entered back into the fund with its reason. */
export type AidPaymentReversed = DomainEvent<
  'AidPaymentReversed',
  { fundId: string; grantId: string; programmeId: string; amountFen: Fen; pool: PoolKey; reason: string; reversedOn: string }
>;

export type FundEvent =
  | FundOpened
  | FundsAllocated
  | DonationReceived
  | ContributionsReceived
  | FundTransferredOut
  | FundTransferredIn
  | AidReserved
  | ReservationReleased
  | AidPaidOut
  | AidPaymentReversed;

export interface Pool {
  readonly balanceFen: Fen;
  readonly reservedFen: Fen;
}

export type FundState =
  | { status: 'none' }
  | {
      status: 'open';
      fundId: string;
      unitId: string;
      source: FundSource;
      name: string;
      balanceFen: Fen;
      reservedFen: Fen;
      pools: Readonly<Partial<Record<PoolKey, Pool>>>;
      /** Grants holding money, by grant id: reserved, then paid. */
      grants: Readonly<Record<string, { amountFen: Fen; pool: PoolKey; programmeId: string; paid: boolean; reversed: boolean }>>;
    };
export type OpenFund = Extract<FundState, { status: 'open' }>;

export type FundCommand =
  | { type: 'OpenFund'; data: FundOpened['data'] }
  | { type: 'AllocateFunds'; data: FundsAllocated['data'] }
  | { type: 'ReceiveDonation'; data: Omit<DonationReceived['data'], 'pool'> }
  | { type: 'ReceiveContributions'; data: ContributionsReceived['data'] }
  | { type: 'TransferOut'; data: FundTransferredOut['data']; toUnitId: string }
  | { type: 'TransferIn'; data: FundTransferredIn['data'] }
  | { type: 'ReserveAid'; data: { fundId: string; grantId: string; programmeId: string; programmeKind: AidProgramme; amountFen: Fen } }
  | { type: 'ReleaseReservation'; data: { fundId: string; grantId: string } }
  | { type: 'PayOut'; data: { fundId: string; grantId: string; paidOn: string; receiptReference: string } }
  | { type: 'ReversePayment'; data: { fundId: string; grantId: string; reason: string; reversedOn: string } };

const EMPTY_POOL: Pool = { balanceFen: ZERO_FEN, reservedFen: ZERO_FEN };

export function availableFen(pool: Pool | undefined): Fen {
  return pool ? subtractFen(pool.balanceFen, pool.reservedFen) : ZERO_FEN;
}

/** What a grant under this programme could draw now: the largest single pool it may use. */
export function availableForProgramme(fund: OpenFund, programmeId: string, kind: AidProgramme): Fen {
  return poolsFor(programmeId, kind).reduce<Fen>((best, key) => (availableFen(fund.pools[key]) > best ? availableFen(fund.pools[key]) : best), ZERO_FEN);
}

function fundNotFound(fundId: string): DomainError {
  return new DomainError('FUNDS.FUND_NOT_FOUND', 'not_found', `No fund ${fundId}`);
}

function requireOpen(state: FundState, fundId: string): OpenFund {
  if (state.status !== 'open') throw fundNotFound(fundId);
  return state;
}

function requireSource(fund: OpenFund, allowed: readonly FundSource[], what: string): void {
  if (!allowed.includes(fund.source)) {
    throw new DomainError('FUNDS.WRONG_SOURCE', 'conflict', `A ${fund.source} fund does not take ${what}`, [
      { reason: `${what} go to a fund of source ${allowed.join(' or ')}` },
    ]);
  }
}

function grantOf(fund: OpenFund, grantId: string) {
  const grant = fund.grants[grantId];
  if (!grant) throw new DomainError('FUNDS.NO_RESERVATION', 'conflict', `The fund holds nothing for grant ${grantId}`);
  return grant;
}

export function decideFund(command: FundCommand, state: FundState): FundEvent[] {
  switch (command.type) {
    case 'OpenFund':
      if (state.status !== 'none') throw new DomainError('FUNDS.FUND_EXISTS', 'conflict', `Fund ${command.data.fundId} already exists`);
      return [{ type: 'FundOpened', data: command.data }];
    case 'AllocateFunds':
      requireSource(requireOpen(state, command.data.fundId), ['government_allocation', 'union_funds'], 'allocations');
      return [{ type: 'FundsAllocated', data: command.data }];
    case 'ReceiveDonation':
      requireSource(requireOpen(state, command.data.fundId), ['social_donations'], 'donations');
      return [{ type: 'DonationReceived', data: { ...command.data, pool: poolOf(command.data.restriction) } }];
    case 'ReceiveContributions':
      requireSource(requireOpen(state, command.data.fundId), ['medical_mutual_aid'], 'member contributions');
      return [{ type: 'ContributionsReceived', data: command.data }];
    case 'TransferOut': {
      const fund = requireOpen(state, command.data.fundId);
      if (command.data.toFundId === fund.fundId) {
        throw new DomainError('FUNDS.TRANSFER_TO_ITSELF', 'unprocessable', 'A fund cannot transfer to itself', [{ field: 'toFundId', reason: 'is this fund' }]);
      }
      if (command.toUnitId !== fund.unitId) {
        throw new DomainError('FUNDS.TRANSFER_ACROSS_UNITS', 'unprocessable', 'Transfers are between funds of one unit', [
          { field: 'toFundId', reason: "belongs to another unit's books" },
        ]);
      }
      // Restricted donations stay with their purpose: only the general pool can be moved.
      const available = availableFen(fund.pools.general);
      if (command.data.amountFen > available) throw insufficient(fund, available, 'amountFen');
      return [{ type: 'FundTransferredOut', data: command.data }];
    }
    case 'TransferIn':
      requireOpen(state, command.data.fundId);
      return [{ type: 'FundTransferredIn', data: command.data }];
    case 'ReserveAid': {
      const fund = requireOpen(state, command.data.fundId);
      const { grantId, programmeId, programmeKind, amountFen } = command.data;
      if (fund.grants[grantId]) return [];
      const pool = poolsFor(programmeId, programmeKind).find((key) => availableFen(fund.pools[key]) >= amountFen);
      if (!pool) throw insufficient(fund, availableForProgramme(fund, programmeId, programmeKind), 'amountFen');
      return [{ type: 'AidReserved', data: { fundId: fund.fundId, grantId, programmeId, amountFen, pool } }];
    }
    case 'ReleaseReservation': {
      const fund = requireOpen(state, command.data.fundId);
      const grant = grantOf(fund, command.data.grantId);
      if (grant.paid) throw new DomainError('FUNDS.ALREADY_PAID', 'conflict', 'A paid grant is corrected by a reversal, not released');
      return [{ type: 'ReservationReleased', data: { ...command.data, amountFen: grant.amountFen, pool: grant.pool } }];
    }
    case 'PayOut': {
      const fund = requireOpen(state, command.data.fundId);
      const grant = grantOf(fund, command.data.grantId);
      if (grant.paid) throw new DomainError('FUNDS.ALREADY_PAID', 'conflict', 'The grant has been paid already');
      return [{ type: 'AidPaidOut', data: { ...command.data, programmeId: grant.programmeId, amountFen: grant.amountFen, pool: grant.pool } }];
    }
    case 'ReversePayment': {
      const fund = requireOpen(state, command.data.fundId);
      const grant = grantOf(fund, command.data.grantId);
      if (!grant.paid || grant.reversed) throw new DomainError('FUNDS.NOT_PAID', 'conflict', 'Only a payment made and not yet reversed can be reversed');
      return [{ type: 'AidPaymentReversed', data: { ...command.data, programmeId: grant.programmeId, amountFen: grant.amountFen, pool: grant.pool } }];
    }
    default:
      return assertNever(command, 'fund command');
  }
}

function insufficient(fund: OpenFund, availableForThis: Fen, field: string): DomainError {
  return new DomainError(
    'FUNDS.INSUFFICIENT',
    'conflict',
    `Fund ${fund.name} has ${availableForThis} fen available for this; it never goes below zero`,
    [{ field, reason: `is more than the ${availableForThis} fen the fund can pay for this` }],
    { fundId: fund.fundId, availableFen: availableForThis },
  );
}

function withPool(fund: OpenFund, key: PoolKey, change: (pool: Pool) => Pool): OpenFund['pools'] {
  return { ...fund.pools, [key]: change(fund.pools[key] ?? EMPTY_POOL) };
}

function credit(fund: OpenFund, key: PoolKey, amount: Fen): OpenFund {
  return {
    ...fund,
    balanceFen: addFen(fund.balanceFen, amount),
    pools: withPool(fund, key, (pool) => ({ ...pool, balanceFen: addFen(pool.balanceFen, amount) })),
  };
}

export function evolveFund(state: FundState, event: FundEvent): FundState {
  if (event.type === 'FundOpened') {
    const { fundId, unitId, source, name } = event.data;
    return { status: 'open', fundId, unitId, source, name, balanceFen: ZERO_FEN, reservedFen: ZERO_FEN, pools: {}, grants: {} };
  }
  if (state.status !== 'open') return state;
  switch (event.type) {
    case 'FundsAllocated':
    case 'ContributionsReceived':
    case 'FundTransferredIn':
      return credit(state, 'general', event.data.amountFen);
    case 'DonationReceived':
      return credit(state, event.data.pool, event.data.amountFen);
    case 'FundTransferredOut':
      return credit(state, 'general', subtractFen(ZERO_FEN, event.data.amountFen));
    case 'AidReserved': {
      const { grantId, amountFen, pool, programmeId } = event.data;
      const grant = { amountFen, pool, programmeId, paid: false, reversed: false };
      return {
        ...state,
        reservedFen: addFen(state.reservedFen, amountFen),
        pools: withPool(state, pool, (current) => ({ ...current, reservedFen: addFen(current.reservedFen, amountFen) })),
        grants: { ...state.grants, [grantId]: grant },
      };
    }
    case 'ReservationReleased': {
      const { grantId, amountFen, pool } = event.data;
      const { [grantId]: _released, ...grants } = state.grants;
      return {
        ...state,
        reservedFen: subtractFen(state.reservedFen, amountFen),
        pools: withPool(state, pool, (current) => ({ ...current, reservedFen: subtractFen(current.reservedFen, amountFen) })),
        grants,
      };
    }
    case 'AidPaidOut': {
      const { grantId, amountFen, pool } = event.data;
      const grant = { ...state.grants[grantId], paid: true };
      return {
        ...state,
        balanceFen: subtractFen(state.balanceFen, amountFen),
        reservedFen: subtractFen(state.reservedFen, amountFen),
        pools: withPool(state, pool, (current) => ({
          balanceFen: subtractFen(current.balanceFen, amountFen),
          reservedFen: subtractFen(current.reservedFen, amountFen),
        })),
        grants: { ...state.grants, [grantId]: grant },
      };
    }
    case 'AidPaymentReversed': {
      const { grantId, amountFen, pool } = event.data;
      const grant = { ...state.grants[grantId], reversed: true };
      return { ...credit(state, pool, amountFen), grants: { ...state.grants, [grantId]: grant } };
    }
    default:
      return assertNever(event, 'fund event');
  }
}

export const fundDecider = { initialState: (): FundState => ({ status: 'none' }), decide: decideFund, evolve: evolveFund };
