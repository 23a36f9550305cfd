import { fen } from '#shared-kernel';
import { aidGrantEvolution, decideAid, householdAidEvolution, type AidGrantCommand, type AidWorld, type ProposeAid } from './aid-grant.decider.js';
import type { EstablishedProgramme } from './aid-programme.decider.js';
import { evolveFund, fundDecider, type FundEvent } from './fund.decider.js';

const programme: EstablishedProgramme = {
  status: 'open',
  programmeId: 'p1',
  unitId: 'u1',
  year: 2026,
  kind: 'golden_autumn_education',
  name: '金秋助学',
  householdCapFen: fen(500_000),
  oneGrantPerHousehold: true,
  eligibility: { recipients: ['hardship_file'], tiers: ['deep', 'relative'], admissionLevels: ['university'] },
  opensOn: '2026-07-01',
  closesOn: '2026-09-30',
};
const fundEvents: FundEvent[] = [
  { type: 'FundOpened', data: { fundId: 'f1', unitId: 'u1', source: 'government_allocation', name: '专项', openedOn: '2026-01-01' } },
  { type: 'FundsAllocated', data: { fundId: 'f1', allocationId: 'a1', amountFen: fen(1_000_000), reference: '文号', receivedOn: '2026-01-02' } },
];
const sealed = { personId: 'person-1', sealed: 'x' };

function world(overrides: Partial<AidWorld> = {}): AidWorld {
  return {
    grant: aidGrantEvolution.initialState(),
    fund: fundEvents.reduce(evolveFund, fundDecider.initialState()),
    household: householdAidEvolution.initialState(),
    programme,
    ...overrides,
  };
}

function proposal(overrides: Partial<ProposeAid['data']> = {}): ProposeAid {
  return {
    type: 'ProposeAid',
    data: {
      grantId: 'g1',
      programmeId: 'p1',
      programmeKind: 'golden_autumn_education',
      fundId: 'f1',
      unitId: 'u2',
      recipient: { kind: 'hardship_file', fileId: 'file-1', personId: 'person-1' },
      householdKey: 'person-1',
      amountFen: fen(500_000),
      reason: sealed,
      admission: { level: 'university', school: '山西大学', admittedOn: '2026-06-28', student: sealed },
      proposedOn: '2026-07-10',
      proposedBy: 'caseworker-1',
      thresholdFen: fen(100_000),
      fileTier: 'deep',
      fileOnRegister: true,
      ...overrides,
    },
  };
}

/** Applies a decision to the world, as the append would. */
function after(current: AidWorld, command: AidGrantCommand): AidWorld {
  const decision = decideAid(command, current);
  return {
    ...current,
    grant: decision.grant.reduce(aidGrantEvolution.evolve, current.grant),
    fund: decision.fund.reduce(evolveFund, current.fund),
    household: decision.household.reduce(householdAidEvolution.evolve, current.household),
  };
}

describe('aid grant decider', () => {
  it('holds a proposal above the threshold without reserving, and grants one within it at once', () => {
    const large = decideAid(proposal(), world());
    expect(large.grant.map((event) => event.type)).toEqual(['AidProposed']);
    expect(large.fund).toEqual([]);
    expect(large.household).toEqual([{ type: 'HouseholdAidClaimed', data: { programmeId: 'p1', householdKey: 'person-1', grantId: 'g1', amountFen: 500_000 } }]);

    const small = decideAid(proposal({ amountFen: fen(100_000) }), world());
    expect(small.grant.map((event) => event.type)).toEqual(['AidProposed', 'AidGranted']);
    expect(small.grant[1].data).toMatchObject({ approval: 'within_threshold', approvedBy: null });
    expect(small.fund.map((event) => event.type)).toEqual(['AidReserved']);
  });

  it('lets nobody approve their own proposal, and reserves on approval', () => {
    const proposed = after(world(), proposal());
    expect(() => decideAid({ type: 'ApproveAid', data: { approvedBy: 'caseworker-1', today: '2026-07-11' } }, proposed)).toThrow(
      expect.objectContaining({ code: 'AID.OWN_PROPOSAL', category: 'forbidden' }),
    );
    const approved = decideAid({ type: 'ApproveAid', data: { approvedBy: 'supervisor-1', today: '2026-07-11' } }, proposed);
    expect(approved.grant[0]).toMatchObject({ type: 'AidGranted', data: { approval: 'supervisor', approvedBy: 'supervisor-1', approvedOn: '2026-07-11' } });
    expect(approved.fund[0]).toMatchObject({ type: 'AidReserved', data: { amountFen: 500_000 } });
  });

  it('refuses households the programme does not help', () => {
    const refuse = (overrides: Partial<ProposeAid['data']>, field: string) =>
      expect(() => decideAid(proposal(overrides), world())).toThrow(expect.objectContaining({ code: 'AID.NOT_ELIGIBLE', problems: [expect.objectContaining({ field })] }));
    refuse({ admission: null }, 'admission');
    refuse({ admission: { level: 'high_school', school: '一中', admittedOn: '2026-06-28', student: sealed } }, 'admission');
    refuse({ fileTier: 'accident' }, 'fileId');
    refuse({ fileOnRegister: false, fileTier: null }, 'fileId');
    refuse({ recipient: { kind: 'worker', personId: 'person-1', worker: sealed } }, 'recipient');
    expect(() => decideAid(proposal({ proposedOn: '2026-10-01' }), world())).toThrow(expect.objectContaining({ code: 'AID.PROGRAMME_CLOSED' }));
  });

  it('keeps one grant per household per campaign and the yearly cap', () => {
    const once = after(world(), proposal());
    expect(() => decideAid(proposal({ grantId: 'g2', amountFen: fen(1) }), { ...once, grant: aidGrantEvolution.initialState() })).toThrow(
      expect.objectContaining({ code: 'AID.ALREADY_HELPED_IN_CAMPAIGN', details: { existingGrantId: 'g1' } }),
    );
    const open = { ...programme, oneGrantPerHousehold: false };
    const first = after(world({ programme: open }), proposal({ amountFen: fen(300_000) }));
    expect(() => decideAid(proposal({ grantId: 'g2', amountFen: fen(200_001) }), { ...first, grant: aidGrantEvolution.initialState() })).toThrow(
      expect.objectContaining({ code: 'AID.HOUSEHOLD_CAP', details: { remainingFen: 200_000 } }),
    );
    // A rejected proposal frees the household's place.
    const rejected = after(first, { type: 'RejectAid', data: { reason: '不符合条件', today: '2026-07-12' } });
    expect(rejected.household.grants).toEqual({});
  });

  it('takes a grant through payment, and corrects a paid one only by reversal', () => {
    let current = after(world(), proposal({ amountFen: fen(50_000) }));
    expect(() => decideAid({ type: 'ReverseAid', data: { reason: 'x', today: '2026-07-10' } }, current)).toThrow(expect.objectContaining({ code: 'AID.STEP_OUT_OF_ORDER' }));
    expect(() => decideAid({ type: 'DisburseAid', data: { method: 'cash', receiptReference: 'R', paidOn: '2026-07-09', inKindDescription: null, today: '2026-07-10' } }, current)).toThrow(
      expect.objectContaining({ code: 'AID.PAID_BEFORE_GRANTED' }),
    );
    current = after(current, { type: 'DisburseAid', data: { method: 'in_kind', receiptReference: 'R', paidOn: '2026-07-10', inKindDescription: '大米两袋', today: '2026-07-10' } });
    expect(current.grant.status).toBe('disbursed');
    expect(current.fund).toMatchObject({ balanceFen: 950_000, reservedFen: 0 });
    expect(() => decideAid({ type: 'RevokeAid', data: { reason: 'x', today: '2026-07-10' } }, current)).toThrow(expect.objectContaining({ code: 'AID.STEP_OUT_OF_ORDER' }));
    current = after(current, { type: 'ReverseAid', data: { reason: '重复发放', today: '2026-07-11' } });
    expect(current.grant.status).toBe('reversed');
    expect(current.fund).toMatchObject({ balanceFen: 1_000_000 });
    expect(current.household.grants).toEqual({});
  });
});
