import { addFen, assertNever, DomainError, subtractFen, ZERO_FEN, type DomainEvent, type Fen } from '#shared-kernel';
import type { EstablishedProgramme } from './aid-programme.decider.js';
import { availableForProgramme, decideFund, type FundEvent, type FundState } from './fund.decider.js';
import type { AdmissionLevel, AidProgramme, DisbursementMethod, HardshipTier, PoolKey, Sealed } from './funds.vocabulary.js';

export type Recipient =
  | { kind: 'hardship_file'; fileId: string; personId: string }
  | { kind: 'worker'; personId: string; worker: Sealed };

export interface Admission {
  level: AdmissionLevel;
  school: string;
  admittedOn: string;
  /** The student's name, sealed under the household's key. */
  student: Sealed;
}

export type AidProposed = DomainEvent<
  'AidProposed',
  {
    grantId: string;
    programmeId: string;
    programmeKind: AidProgramme;
    fundId: string;
    /** The unit whose case this is (the file's unit, or the unit a worker was helped by). */
    unitId: string;
    recipient: Recipient;
    /** The household the yearly cap and the one-grant rule count against. */
    householdKey: string;
    amountFen: Fen;
    /** Why the household needs it, sealed: it usually tells of illness or family circumstances. */
    reason: Sealed;
    admission: Admission | null;
    proposedOn: string;
    /** The user who proposed it; they may not approve it. */
    proposedBy: string;
    /** The unit's approval threshold when proposed: above it a supervisor must approve. */
    thresholdFen: Fen;
  }
>;
/** The grant is decided and its amount reserved in the fund. */
export type AidGranted = DomainEvent<
  'AidGranted',
  {
    grantId: string;
    programmeId: string;
    fundId: string;
    amountFen: Fen;
    approval: 'within_threshold' | 'supervisor';
    approvedBy: string | null;
    approvedOn: string;
    pool: PoolKey;
  }
>;
export type AidProposalRejected = DomainEvent<'AidProposalRejected', { grantId: string; reason: string; rejectedOn: string }>;
export type AidDisbursed = DomainEvent<
  'AidDisbursed',
  {
    grantId: string;
    fundId: string;
    amountFen: Fen;
    method: DisbursementMethod;
    receiptReference: string;
    paidOn: string;
    /** For goods: what was handed over (rice, flour, oil), valued at amountFen. */
    inKindDescription: string | null;
  }
>;
export type AidRevoked = DomainEvent<'AidRevoked', { grantId: string; reason: string; revokedOn: string; reservationReleased: boolean }>;
export type AidDisbursementReversed = DomainEvent<
  'AidDisbursementReversed',
  { grantId: string; fundId: string; amountFen: Fen; reason: string; reversedOn: string }
>;
export type AidGrantEvent = AidProposed | AidGranted | AidProposalRejected | AidDisbursed | AidRevoked | AidDisbursementReversed;

interface GrantFacts {
  grantId: string;
  programmeId: string;
  programmeKind: AidProgramme;
  fundId: string;
  unitId: string;
  householdKey: string;
  personId: string;
  amountFen: Fen;
  proposedBy: string;
  proposedOn: string;
}
export type AidGrantState =
  | { status: 'none' }
  | (GrantFacts & { status: 'proposed' })
  | (GrantFacts & { status: 'granted'; approvedOn: string })
  | (GrantFacts & { status: 'disbursed'; approvedOn: string; paidOn: string })
  | (GrantFacts & { status: 'rejected' | 'revoked' | 'reversed' });
export type ExistingGrant = Exclude<AidGrantState, { status: 'none' }>;

export type HouseholdAidClaimed = DomainEvent<'HouseholdAidClaimed', { programmeId: string; householdKey: string; grantId: string; amountFen: Fen }>;
export type HouseholdAidReleased = DomainEvent<'HouseholdAidReleased', { programmeId: string; householdKey: string; grantId: string; amountFen: Fen }>;
export type HouseholdAidEvent = HouseholdAidClaimed | HouseholdAidReleased;
/** The grants a household holds under one programme (proposed, granted or paid), by grant id. */
export type HouseholdAidState = { grants: Readonly<Record<string, Fen>> };

export const householdAidEvolution = {
  initialState: (): HouseholdAidState => ({ grants: {} }),
  evolve: (state: HouseholdAidState, event: HouseholdAidEvent): HouseholdAidState => {
    switch (event.type) {
      case 'HouseholdAidClaimed':
        return { grants: { ...state.grants, [event.data.grantId]: event.data.amountFen } };
      case 'HouseholdAidReleased': {
        const { [event.data.grantId]: _released, ...grants } = state.grants;
        return { grants };
      }
      default:
        return assertNever(event, 'household aid event');
    }
  },
};

export function evolveAidGrant(state: AidGrantState, event: AidGrantEvent): AidGrantState {
  if (event.type === 'AidProposed') {
    const { grantId, programmeId, programmeKind, fundId, unitId, householdKey, recipient, amountFen, proposedOn, proposedBy } = event.data;
    return {
      status: 'proposed',
      grantId,
      programmeId,
      programmeKind,
      fundId,
      unitId,
      householdKey,
      personId: recipient.personId,
      amountFen,
      proposedBy,
      proposedOn,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'AidGranted':
      return state.status === 'proposed' ? { ...state, status: 'granted', approvedOn: event.data.approvedOn } : state;
    case 'AidProposalRejected':
      return { ...state, status: 'rejected' };
    case 'AidDisbursed':
      return state.status === 'granted' ? { ...state, status: 'disbursed', paidOn: event.data.paidOn } : state;
    case 'AidRevoked':
      return { ...state, status: 'revoked' };
    case 'AidDisbursementReversed':
      return { ...state, status: 'reversed' };
    default:
      return assertNever(event, 'grant event');
  }
}

/** Everything a decision about a grant reads: the grant, its programme, its fund, the household's grants under the programme. */
export interface AidWorld {
  grant: AidGrantState;
  fund: FundState;
  household: HouseholdAidState;
  programme: EstablishedProgramme;
}

/** What a decision appends, per stream; all of it in one atomic append. */
export interface AidDecision {
  grant: AidGrantEvent[];
  fund: FundEvent[];
  household: HouseholdAidEvent[];
}

export interface ProposeAid {
  type: 'ProposeAid';
  data: AidProposed['data'] & { fileTier: HardshipTier | null; fileOnRegister: boolean };
}
export interface ApproveAid {
  type: 'ApproveAid';
  data: { approvedBy: string; today: string };
}
export interface RejectAid {
  type: 'RejectAid';
  data: { reason: string; today: string };
}
export interface DisburseAid {
  type: 'DisburseAid';
  data: { method: DisbursementMethod; receiptReference: string; paidOn: string; inKindDescription: string | null; today: string };
}
export interface RevokeAid {
  type: 'RevokeAid';
  data: { reason: string; today: string };
}
export interface ReverseAid {
  type: 'ReverseAid';
  data: { reason: string; today: string };
}
export type AidGrantCommand = ProposeAid | ApproveAid | RejectAid | DisburseAid | RevokeAid | ReverseAid;

const notEligible = (field: string, reason: string, message: string) =>
  new DomainError('AID.NOT_ELIGIBLE', 'unprocessable', message, [{ field, reason }]);

function wrongStep(grant: ExistingGrant, step: string): DomainError {
  return new DomainError('AID.STEP_OUT_OF_ORDER', 'conflict', `A ${grant.status} grant cannot be ${step}`, [], { status: grant.status });
}

function checkProposal({ data }: ProposeAid, world: AidWorld): void {
  const { programme, household } = world;
  if (programme.status !== 'open' || data.proposedOn < programme.opensOn || data.proposedOn > programme.closesOn) {
    throw new DomainError('AID.PROGRAMME_CLOSED', 'conflict', `Programme ${programme.name} takes no proposals today`, [
      { field: 'programmeId', reason: `runs from ${programme.opensOn} to ${programme.closesOn}${programme.status === 'closed' ? ' and has been closed' : ''}` },
    ]);
  }
  const { recipients, tiers, admissionLevels } = programme.eligibility;
  if (!recipients.includes(data.recipient.kind)) {
    throw notEligible('recipient', `this programme is for ${recipients.join(', ')}`, 'The programme does not help this kind of recipient');
  }
  if (data.recipient.kind === 'hardship_file') {
    if (!data.fileOnRegister) throw notEligible('fileId', 'the file is not on the register', 'Only a household on the register can be helped under a file');
    if (tiers.length > 0 && (data.fileTier === null || !tiers.includes(data.fileTier))) {
      throw notEligible('fileId', `the programme is for tiers ${tiers.join(', ')}`, 'The household is not of a tier the programme helps');
    }
  }
  if (admissionLevels.length > 0 && (data.admission === null || !admissionLevels.includes(data.admission.level))) {
    throw notEligible('admission', `an admission to ${admissionLevels.join(' or ')} is required`, 'The programme needs a recorded admission');
  }
  if (world.fund.status !== 'open' || world.fund.unitId !== programme.unitId) {
    throw new DomainError('AID.FUND_NOT_OF_PROGRAMME', 'unprocessable', "The fund is not one of the programme's unit", [
      { field: 'fundId', reason: "is not a fund of the programme's unit" },
    ]);
  }
  const held = Object.entries(household.grants);
  if (programme.oneGrantPerHousehold && held.length > 0) {
    throw new DomainError('AID.ALREADY_HELPED_IN_CAMPAIGN', 'conflict', 'The household already has a grant in this campaign', [
      { field: 'programmeId', reason: 'allows one grant per household' },
    ], { existingGrantId: held[0][0] });
  }
  const heldFen = addFen(...held.map(([, amount]) => amount), ZERO_FEN);
  if (addFen(heldFen, data.amountFen) > programme.householdCapFen) {
    const remaining = subtractFen(programme.householdCapFen, heldFen);
    throw new DomainError('AID.HOUSEHOLD_CAP', 'conflict', `The household can receive ${remaining} fen more under this programme this year`, [
      { field: 'amountFen', reason: `exceeds the ${remaining} fen left under the household cap` },
    ], { remainingFen: remaining });
  }
}

function release(grant: ExistingGrant): HouseholdAidReleased {
  return { type: 'HouseholdAidReleased', data: { programmeId: grant.programmeId, householdKey: grant.householdKey, grantId: grant.grantId, amountFen: grant.amountFen } };
}

function notInFuture(date: string, today: string, field: string): void {
  if (date > today) throw new DomainError('AID.DATE_IN_FUTURE', 'unprocessable', 'The date is in the future', [{ field, reason: `is after today (${today})` }]);
}

/**
 * Decides a step of a grant across the streams it touches: a grant within the unit's threshold is granted as it is
 * proposed, a larger one waits for a supervisor who is not its proposer; granting reserves the amount in the fund,
 * paying takes it out, revoking releases it, reversing puts it back. The fund decides whether it can pay.
 */
export function decideAid(command: AidGrantCommand, world: AidWorld): AidDecision {
  const { grant, fund } = world;
  const fundDecides = (fundCommand: Parameters<typeof decideFund>[0]) => decideFund(fundCommand, fund);
  if (command.type === 'ProposeAid') {
    if (grant.status !== 'none') throw new DomainError('AID.GRANT_EXISTS', 'conflict', 'The grant exists already');
    checkProposal(command, world);
    const { fileTier: _tier, fileOnRegister: _onRegister, ...proposal } = command.data;
    const proposed: AidProposed = { type: 'AidProposed', data: proposal };
    const claim: HouseholdAidClaimed = {
      type: 'HouseholdAidClaimed',
      data: { programmeId: proposal.programmeId, householdKey: proposal.householdKey, grantId: proposal.grantId, amountFen: proposal.amountFen },
    };
    const reserve = { type: 'ReserveAid' as const, data: { fundId: proposal.fundId, grantId: proposal.grantId, programmeId: proposal.programmeId, programmeKind: proposal.programmeKind, amountFen: proposal.amountFen } };
    if (proposal.amountFen > proposal.thresholdFen) {
      // Not reserved until approved, but a proposal the fund could not pay now is refused at once.
      if (fund.status === 'open' && availableForProgramme(fund, proposal.programmeId, proposal.programmeKind) < proposal.amountFen) fundDecides(reserve);
      return { grant: [proposed], fund: [], household: [claim] };
    }
    const reserved = fundDecides(reserve);
    const pool = reserved[0].type === 'AidReserved' ? reserved[0].data.pool : 'general';
    const granted: AidGranted = {
      type: 'AidGranted',
      data: { grantId: proposal.grantId, programmeId: proposal.programmeId, fundId: proposal.fundId, amountFen: proposal.amountFen, approval: 'within_threshold', approvedBy: null, approvedOn: proposal.proposedOn, pool },
    };
    return { grant: [proposed, granted], fund: reserved, household: [claim] };
  }
  if (grant.status === 'none') throw new DomainError('AID.GRANT_NOT_FOUND', 'not_found', 'No such grant');
  switch (command.type) {
    case 'ApproveAid': {
      if (grant.status !== 'proposed') throw wrongStep(grant, 'approved');
      if (command.data.approvedBy === grant.proposedBy) {
        throw new DomainError('AID.OWN_PROPOSAL', 'forbidden', 'Nobody approves their own proposal');
      }
      const reserved = fundDecides({ type: 'ReserveAid', data: { fundId: grant.fundId, grantId: grant.grantId, programmeId: grant.programmeId, programmeKind: grant.programmeKind, amountFen: grant.amountFen } });
      const pool = reserved[0]?.type === 'AidReserved' ? reserved[0].data.pool : 'general';
      return {
        grant: [{ type: 'AidGranted', data: { grantId: grant.grantId, programmeId: grant.programmeId, fundId: grant.fundId, amountFen: grant.amountFen, approval: 'supervisor', approvedBy: command.data.approvedBy, approvedOn: command.data.today, pool } }],
        fund: reserved,
        household: [],
      };
    }
    case 'RejectAid':
      if (grant.status !== 'proposed') throw wrongStep(grant, 'rejected');
      return { grant: [{ type: 'AidProposalRejected', data: { grantId: grant.grantId, reason: command.data.reason, rejectedOn: command.data.today } }], fund: [], household: [release(grant)] };
    case 'DisburseAid': {
      if (grant.status !== 'granted') throw wrongStep(grant, 'disbursed');
      const { method, receiptReference, paidOn, inKindDescription, today } = command.data;
      notInFuture(paidOn, today, 'paidOn');
      if (paidOn < grant.approvedOn) {
        throw new DomainError('AID.PAID_BEFORE_GRANTED', 'unprocessable', 'A grant is paid after it is granted', [{ field: 'paidOn', reason: `is before the grant (${grant.approvedOn})` }]);
      }
      if ((method === 'in_kind') !== (inKindDescription !== null)) {
        throw new DomainError('AID.IN_KIND_DESCRIPTION', 'unprocessable', 'Goods are described, money is not', [
          { field: 'inKindDescription', reason: method === 'in_kind' ? 'is required for aid in kind' : 'is only for aid in kind' },
        ]);
      }
      return {
        grant: [{ type: 'AidDisbursed', data: { grantId: grant.grantId, fundId: grant.fundId, amountFen: grant.amountFen, method, receiptReference, paidOn, inKindDescription } }],
        fund: fundDecides({ type: 'PayOut', data: { fundId: grant.fundId, grantId: grant.grantId, paidOn, receiptReference } }),
        household: [],
      };
    }
    case 'RevokeAid': {
      if (grant.status !== 'proposed' && grant.status !== 'granted') throw wrongStep(grant, 'revoked');
      const wasGranted = grant.status === 'granted';
      return {
        grant: [{ type: 'AidRevoked', data: { grantId: grant.grantId, reason: command.data.reason, revokedOn: command.data.today, reservationReleased: wasGranted } }],
        fund: wasGranted ? fundDecides({ type: 'ReleaseReservation', data: { fundId: grant.fundId, grantId: grant.grantId } }) : [],
        household: [release(grant)],
      };
    }
    case 'ReverseAid':
      if (grant.status !== 'disbursed') throw wrongStep(grant, 'reversed');
      return {
        grant: [{ type: 'AidDisbursementReversed', data: { grantId: grant.grantId, fundId: grant.fundId, amountFen: grant.amountFen, reason: command.data.reason, reversedOn: command.data.today } }],
        fund: fundDecides({ type: 'ReversePayment', data: { fundId: grant.fundId, grantId: grant.grantId, reason: command.data.reason, reversedOn: command.data.today } }),
        household: [release(grant)],
      };
    default:
      return assertNever(command, 'grant command');
  }
}

export const aidGrantEvolution = {
  initialState: (): AidGrantState => ({ status: 'none' }),
  evolve: evolveAidGrant,
};
