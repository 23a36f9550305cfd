import { fen, type Fen } from '#shared-kernel';
import { decideFund, evolveFund, fundDecider, type FundEvent, type FundState } from './fund.decider.js';

const FUND = 'f1';
const given = (...events: FundEvent[]): FundState => events.reduce(evolveFund, fundDecider.initialState());
const opened = (source: 'government_allocation' | 'social_donations' | 'union_funds' | 'medical_mutual_aid' = 'government_allocation'): FundEvent => ({
  type: 'FundOpened',
  data: { fundId: FUND, unitId: 'u1', source, name: '专项资金', openedOn: '2026-01-01' },
});
const allocated = (amount: number): FundEvent => ({
  type: 'FundsAllocated',
  data: { fundId: FUND, allocationId: `a${amount}`, amountFen: fen(amount), reference: '文号', receivedOn: '2026-01-02' },
});
const reserve = (grantId: string, amount: number, programmeKind: 'winter_warmth' | 'golden_autumn_education' = 'winter_warmth') =>
  ({ type: 'ReserveAid', data: { fundId: FUND, grantId, programmeId: 'p1', programmeKind, amountFen: fen(amount) } }) as const;

describe('fund decider', () => {
  it('reserves from the general pool while the available amount covers the grant, and never below zero', () => {
    const state = given(opened(), allocated(100));
    const [reserved] = decideFund(reserve('g1', 60), state);
    expect(reserved).toEqual({ type: 'AidReserved', data: { fundId: FUND, grantId: 'g1', programmeId: 'p1', amountFen: 60, pool: 'general' } });
    const after = evolveFund(state, reserved);
    expect(after).toMatchObject({ balanceFen: 100, reservedFen: 60 });
    expect(() => decideFund(reserve('g2', 41), after)).toThrow(expect.objectContaining({ code: 'FUNDS.INSUFFICIENT', details: { fundId: FUND, availableFen: 40 } }));
    expect(decideFund(reserve('g2', 40), after)).toHaveLength(1);
  });

  it('reserving the same grant twice changes nothing', () => {
    const state = given(opened(), allocated(100), ...decideFund(reserve('g1', 60), given(opened(), allocated(100))));
    expect(decideFund(reserve('g1', 60), state)).toEqual([]);
  });

  it('pays a restricted donation only for its purpose, and draws on it before general money', () => {
    const donation: FundEvent = {
      type: 'DonationReceived',
      data: { fundId: FUND, donationId: 'd1', donor: '某公司', amountFen: fen(500), receivedOn: '2026-01-02', restriction: { programmeKind: 'golden_autumn_education' }, pool: 'purpose:golden_autumn_education' },
    };
    const state = given(opened('social_donations'), donation);
    expect(() => decideFund(reserve('g1', 1), state)).toThrow(expect.objectContaining({ code: 'FUNDS.INSUFFICIENT' }));
    const [education] = decideFund(reserve('g2', 500, 'golden_autumn_education'), state);
    expect(education.data).toMatchObject({ pool: 'purpose:golden_autumn_education' });
    expect(decideFund({ type: 'ReceiveDonation', data: { fundId: FUND, donationId: 'd2', donor: '个人', amountFen: fen(5), receivedOn: '2026-01-03', restriction: null } }, state)[0].data).toMatchObject({ pool: 'general' });
  });

  it('moves a reservation out on payment, returns it on release, and puts a reversed payment back', () => {
    let state = given(opened(), allocated(100));
    const step = (command: Parameters<typeof decideFund>[0]) => {
      const events = decideFund(command, state);
      state = events.reduce(evolveFund, state);
      return events;
    };
    step(reserve('g1', 30));
    step(reserve('g2', 20));
    step({ type: 'PayOut', data: { fundId: FUND, grantId: 'g1', paidOn: '2026-01-05', receiptReference: 'R1' } });
    expect(state).toMatchObject({ balanceFen: 70, reservedFen: 20 });
    expect(() => step({ type: 'ReleaseReservation', data: { fundId: FUND, grantId: 'g1' } })).toThrow(expect.objectContaining({ code: 'FUNDS.ALREADY_PAID' }));
    step({ type: 'ReleaseReservation', data: { fundId: FUND, grantId: 'g2' } });
    expect(state).toMatchObject({ balanceFen: 70, reservedFen: 0 });
    const [reversal] = step({ type: 'ReversePayment', data: { fundId: FUND, grantId: 'g1', reason: '错发', reversedOn: '2026-01-06' } });
    expect(reversal.data).toMatchObject({ programmeId: 'p1', amountFen: 30, pool: 'general' });
    expect(state).toMatchObject({ balanceFen: 100, reservedFen: 0 });
    expect(() => step({ type: 'ReversePayment', data: { fundId: FUND, grantId: 'g1', reason: '再次', reversedOn: '2026-01-07' } })).toThrow(expect.objectContaining({ code: 'FUNDS.NOT_PAID' }));
  });

  it('takes money in only of the kind its source allows', () => {
    const donations = given(opened('social_donations'));
    expect(() => decideFund({ type: 'AllocateFunds', data: { fundId: FUND, allocationId: 'a', amountFen: fen(1), reference: 'x', receivedOn: '2026-01-01' } }, donations)).toThrow(
      expect.objectContaining({ code: 'FUNDS.WRONG_SOURCE' }),
    );
    const mutualAid = given(opened('medical_mutual_aid'));
    expect(decideFund({ type: 'ReceiveContributions', data: { fundId: FUND, contributionId: 'c', amountFen: fen(9), memberCount: 3, period: '2026', receivedOn: '2026-01-01' } }, mutualAid)).toHaveLength(1);
  });

  it('transfers only unrestricted money, only within the unit', () => {
    const state = given(opened(), allocated(100));
    const out = (amount: number, toUnitId = 'u1') =>
      decideFund({ type: 'TransferOut', data: { fundId: FUND, transferId: 't', toFundId: 'f2', amountFen: fen(amount) as Fen, reason: '调剂', transferredOn: '2026-01-03' }, toUnitId }, state);
    expect(out(100)).toHaveLength(1);
    expect(() => out(101)).toThrow(expect.objectContaining({ code: 'FUNDS.INSUFFICIENT' }));
    expect(() => out(1, 'u2')).toThrow(expect.objectContaining({ code: 'FUNDS.TRANSFER_ACROSS_UNITS' }));
  });
});
