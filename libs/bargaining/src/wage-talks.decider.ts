import { addDays, addMonths, assertNever, DomainError, isCalendarDate, termEnd, type Decider, type DomainEvent } from '#shared-kernel';
import {
  MAX_TERM_YEARS,
  MIN_TERM_YEARS,
  RENEWAL_WINDOW_MONTHS,
  RESPONSE_DAYS,
  REVIEW_DAYS,
  type EmployerDecision,
  type TalksScope,
  type TalksStatus,
  type TalksTopic,
} from './bargaining.vocabulary.js';

// ------------------------------------------------------------------------------------------------- events

/** The union (or a higher union on its behalf) sent the written offer to negotiate (要约书). */
export type WageTalksOpened = DomainEvent<
  'WageTalksOpened',
  {
    talksId: string;
    scope: TalksScope;
    coveredEnterpriseIds: string[];
    initiatingUnionId: string;
    offerDate: string;
    topics: TalksTopic[];
    /** The federation unit whose caseworkers follow the talks. */
    unitId: string;
    /** The talks whose agreement these renew, when they were opened as a renewal. */
    renewsTalksId: string | null;
  }
>;
/** The employer answered the offer in writing (应约), accepting or refusing. */
export type EmployerResponded = DomainEvent<
  'EmployerResponded',
  { talksId: string; decision: EmployerDecision; respondedOn: string; note: string }
>;
/** After a refusal (or no answer in time), the higher union issued a rectification opinion (整改意见书). */
export type RectificationOpinionIssued = DomainEvent<
  'RectificationOpinionIssued',
  { talksId: string; issuedOn: string; issuedBy: string; opinion: string; respondBy: string | null }
>;
export type NegotiationRoundHeld = DomainEvent<'NegotiationRoundHeld', { talksId: string; round: number; heldOn: string; summary: string }>;
/** The parties signed the collective wage agreement (工资专项集体合同). */
export type AgreementSigned = DomainEvent<
  'AgreementSigned',
  {
    talksId: string;
    signedOn: string;
    termYears: number;
    /** Agreed wage growth in basis points of a percent: 500 is 5.00%. */
    wageGrowthBasisPoints: number | null;
    /** Agreed minimum monthly wage, integer fen. */
    minimumMonthlyWageFen: number | null;
    otherTerms: string;
  }
>;
/** The workers' congress (职代会) adopted the agreement. */
export type AgreementAdopted = DomainEvent<
  'AgreementAdopted',
  { talksId: string; adoptedOn: string; delegatesPresent: number; votesFor: number }
>;
/** Filed with the labour bureau (备案). */
export type AgreementFiled = DomainEvent<'AgreementFiled', { talksId: string; filedOn: string; bureau: string }>;
/** The bureau approved the filed agreement before its 15 days ran out: effective from that day. */
export type AgreementApproved = DomainEvent<'AgreementApproved', { talksId: string; approvedOn: string }>;
/** The bureau objected within its 15 days: the agreement goes back to negotiation. */
export type AgreementObjected = DomainEvent<'AgreementObjected', { talksId: string; objectedOn: string; reason: string }>;
export type WageTalksWithdrawn = DomainEvent<'WageTalksWithdrawn', { talksId: string; withdrawnOn: string; reason: string }>;
/** Renewal was requested in the last months of the term; the new talks are linked both ways. */
export type AgreementRenewalRequested = DomainEvent<
  'AgreementRenewalRequested',
  { talksId: string; renewalTalksId: string; requestedOn: string }
>;

export type WageTalksEvent =
  | WageTalksOpened
  | EmployerResponded
  | RectificationOpinionIssued
  | NegotiationRoundHeld
  | AgreementSigned
  | AgreementAdopted
  | AgreementFiled
  | AgreementApproved
  | AgreementObjected
  | WageTalksWithdrawn
  | AgreementRenewalRequested;

export const WAGE_TALKS_EVENT_TYPES: readonly WageTalksEvent['type'][] = [
  'WageTalksOpened',
  'EmployerResponded',
  'RectificationOpinionIssued',
  'NegotiationRoundHeld',
  'AgreementSigned',
  'AgreementAdopted',
  'AgreementFiled',
  'AgreementApproved',
  'AgreementObjected',
  'WageTalksWithdrawn',
  'AgreementRenewalRequested',
];

// -------------------------------------------------------------------------------------------------- state

export interface TalksFacts {
  readonly talksId: string;
  readonly unitId: string;
  readonly scope: TalksScope;
  readonly coveredEnterpriseIds: readonly string[];
  readonly offerDate: string;
  readonly topics: readonly TalksTopic[];
  /** The date of the latest step: a step is never dated before the one it follows. */
  readonly lastStepOn: string;
  readonly roundsHeld: number;
  readonly renewedByTalksId: string | null;
}

export interface AgreementFacts {
  readonly signedOn: string;
  readonly termYears: number;
}

/** The recorded stage. Time-derived states (overdue, effective by silence, expired) come from `talksStatusOn`. */
export type WageTalksState =
  | { status: 'none' }
  | { status: 'offered' | 'refused' | 'accepted' | 'negotiating' | 'withdrawn'; talks: TalksFacts }
  | { status: 'rectification_issued'; talks: TalksFacts; respondBy: string | null }
  | { status: 'agreed' | 'adopted'; talks: TalksFacts; agreement: AgreementFacts }
  | { status: 'filed'; talks: TalksFacts; agreement: AgreementFacts; filedOn: string }
  | { status: 'approved'; talks: TalksFacts; agreement: AgreementFacts; filedOn: string; approvedOn: string };

export type ExistingTalks = Exclude<WageTalksState, { status: 'none' }>;

export interface TalksStanding {
  readonly status: TalksStatus;
  /** The first day the agreement is in force (approval, or the day after the bureau's 15 quiet days). */
  readonly effectiveOn: string | null;
  /** The last day of the term. */
  readonly expiresOn: string | null;
}

/** The day after the bureau's review period: the agreement is in force from then unless it objected. */
export const effectiveBySilenceOn = (filedOn: string) => addDays(filedOn, REVIEW_DAYS + 1);
export const responseDueOn = (offerDate: string) => addDays(offerDate, RESPONSE_DAYS);

/** Where talks stand on `today` (Asia/Shanghai): the recorded stage, moved on by the deadlines that have passed. */
export function talksStatusOn(state: ExistingTalks, today: string): TalksStanding {
  const inForce = (effectiveOn: string, termYears: number): TalksStanding => {
    const expiresOn = termEnd(effectiveOn, termYears);
    return { status: today > expiresOn ? 'expired' : 'effective', effectiveOn, expiresOn };
  };
  switch (state.status) {
    case 'offered':
      return { status: today > responseDueOn(state.talks.offerDate) ? 'response_overdue' : 'offered', effectiveOn: null, expiresOn: null };
    case 'filed':
      return today >= effectiveBySilenceOn(state.filedOn)
        ? inForce(effectiveBySilenceOn(state.filedOn), state.agreement.termYears)
        : { status: 'filed', effectiveOn: null, expiresOn: null };
    case 'approved':
      return inForce(state.approvedOn, state.agreement.termYears);
    case 'refused':
    case 'rectification_issued':
    case 'accepted':
    case 'negotiating':
    case 'agreed':
    case 'adopted':
    case 'withdrawn':
      return { status: state.status, effectiveOn: null, expiresOn: null };
    default:
      return assertNever(state, 'talks state');
  }
}

/** Open talks hold their enterprises: no second talks of the same scope may cover them. */
export function isOpenOn(state: WageTalksState, today: string): boolean {
  if (state.status === 'none') return false;
  return !['effective', 'expired', 'withdrawn'].includes(talksStatusOn(state, today).status);
}

export const wageTalksEvolution = {
  initialState: (): WageTalksState => ({ status: 'none' }),
  evolve(state: WageTalksState, event: WageTalksEvent): WageTalksState {
    if (event.type === 'WageTalksOpened') {
      const { talksId, unitId, scope, coveredEnterpriseIds, offerDate, topics } = event.data;
      return {
        status: 'offered',
        talks: { talksId, unitId, scope, coveredEnterpriseIds, offerDate, topics, lastStepOn: offerDate, roundsHeld: 0, renewedByTalksId: null },
      };
    }
    if (state.status === 'none') return state;
    const talks = state.talks;
    switch (event.type) {
      case 'EmployerResponded':
        return { status: event.data.decision, talks: { ...talks, lastStepOn: event.data.respondedOn } };
      case 'RectificationOpinionIssued':
        return { status: 'rectification_issued', talks: { ...talks, lastStepOn: event.data.issuedOn }, respondBy: event.data.respondBy };
      case 'NegotiationRoundHeld':
        return { status: 'negotiating', talks: { ...talks, lastStepOn: event.data.heldOn, roundsHeld: event.data.round } };
      case 'AgreementSigned':
        return {
          status: 'agreed',
          talks: { ...talks, lastStepOn: event.data.signedOn },
          agreement: { signedOn: event.data.signedOn, termYears: event.data.termYears },
        };
      case 'AgreementAdopted':
        return 'agreement' in state ? { status: 'adopted', talks: { ...talks, lastStepOn: event.data.adoptedOn }, agreement: state.agreement } : state;
      case 'AgreementFiled':
        return 'agreement' in state
          ? { status: 'filed', talks: { ...talks, lastStepOn: event.data.filedOn }, agreement: state.agreement, filedOn: event.data.filedOn }
          : state;
      case 'AgreementApproved':
        return state.status === 'filed'
          ? { ...state, status: 'approved', talks: { ...talks, lastStepOn: event.data.approvedOn }, approvedOn: event.data.approvedOn }
          : state;
      case 'AgreementObjected':
        // Back to the table: the next agreement is signed after further rounds.
        return { status: 'negotiating', talks: { ...talks, lastStepOn: event.data.objectedOn } };
      case 'WageTalksWithdrawn':
        return { status: 'withdrawn', talks: { ...talks, lastStepOn: event.data.withdrawnOn } };
      case 'AgreementRenewalRequested':
        return { ...state, talks: { ...talks, renewedByTalksId: event.data.renewalTalksId } } as WageTalksState;
      default:
        return assertNever(event, 'wage talks event');
    }
  },
};

// ----------------------------------------------------------------------------------------------- commands

interface StepCommand<Type extends string, Data> {
  readonly type: Type;
  /** `today` is Asia/Shanghai's date from the injected clock: it decides what is overdue or in force. */
  readonly data: Data & { readonly talksId: string; readonly today: string };
}
export type RecordEmployerResponse = StepCommand<'RecordEmployerResponse', { decision: EmployerDecision; respondedOn: string; note: string }>;
export type IssueRectificationOpinion = StepCommand<
  'IssueRectificationOpinion',
  { issuedOn: string; issuedBy: string; opinion: string; respondBy: string | null }
>;
export type RecordNegotiationRound = StepCommand<'RecordNegotiationRound', { heldOn: string; summary: string }>;
export type SignAgreement = StepCommand<'SignAgreement', Omit<AgreementSigned['data'], 'talksId'>>;
export type RecordAdoption = StepCommand<'RecordAdoption', { adoptedOn: string; delegatesPresent: number; votesFor: number }>;
export type FileAgreement = StepCommand<'FileAgreement', { filedOn: string; bureau: string }>;
export type RecordBureauApproval = StepCommand<'RecordBureauApproval', { approvedOn: string }>;
export type RecordBureauObjection = StepCommand<'RecordBureauObjection', { objectedOn: string; reason: string }>;
export type WithdrawTalks = StepCommand<'WithdrawTalks', { withdrawnOn: string; reason: string }>;

export type WageTalksCommand =
  | RecordEmployerResponse
  | IssueRectificationOpinion
  | RecordNegotiationRound
  | SignAgreement
  | RecordAdoption
  | FileAgreement
  | RecordBureauApproval
  | RecordBureauObjection
  | WithdrawTalks;

/** Steps on talks that exist. Opening and renewal span several streams: see `talks-opening.decider.ts`. */
export const wageTalksDecider: Decider<WageTalksState, WageTalksCommand, WageTalksEvent> = {
  initialState: wageTalksEvolution.initialState,
  evolve: wageTalksEvolution.evolve,
  decide(command, state) {
    if (state.status === 'none') {
      throw new DomainError('BARGAINING.TALKS_NOT_FOUND', 'not_found', `No wage talks ${command.data.talksId}`);
    }
    const { talksId, today } = command.data;
    const status = talksStatusOn(state, today).status;
    switch (command.type) {
      case 'RecordEmployerResponse': {
        const { decision, respondedOn, note } = command.data;
        requireStatus(status, ['offered', 'response_overdue', 'rectification_issued'], 'the employer responds to an open offer');
        checkStepDate(state, 'respondedOn', respondedOn, today);
        return [{ type: 'EmployerResponded', data: { talksId, decision, respondedOn, note } }];
      }
      case 'IssueRectificationOpinion': {
        const { issuedOn, issuedBy, opinion, respondBy } = command.data;
        requireStatus(
          status,
          ['refused', 'response_overdue', 'rectification_issued'],
          'a rectification opinion follows a refusal or an offer left unanswered',
        );
        checkStepDate(state, 'issuedOn', issuedOn, today);
        if (respondBy !== null) {
          if (!isCalendarDate(respondBy)) throw invalid('BARGAINING.DATE_INVALID', 'respondBy', 'must be a real date, YYYY-MM-DD');
          if (respondBy < issuedOn) throw unprocessable('BARGAINING.DATE_BEFORE_PREVIOUS_STEP', 'respondBy', `must not be before issuedOn (${issuedOn})`);
        }
        return [{ type: 'RectificationOpinionIssued', data: { talksId, issuedOn, issuedBy, opinion, respondBy } }];
      }
      case 'RecordNegotiationRound': {
        const { heldOn, summary } = command.data;
        requireStatus(status, ['accepted', 'negotiating'], 'negotiation rounds follow the employer accepting the offer');
        checkStepDate(state, 'heldOn', heldOn, today);
        return [{ type: 'NegotiationRoundHeld', data: { talksId, round: state.talks.roundsHeld + 1, heldOn, summary } }];
      }
      case 'SignAgreement': {
        const { today: _today, talksId: _id, ...signed } = command.data;
        requireStatus(status, ['negotiating'], 'an agreement is signed after at least one negotiation round');
        checkStepDate(state, 'signedOn', signed.signedOn, today);
        if (!Number.isInteger(signed.termYears) || signed.termYears < MIN_TERM_YEARS || signed.termYears > MAX_TERM_YEARS) {
          throw invalid('BARGAINING.TERM_INVALID', 'termYears', `must be ${MIN_TERM_YEARS} to ${MAX_TERM_YEARS} years`);
        }
        return [{ type: 'AgreementSigned', data: { talksId, ...signed } }];
      }
      case 'RecordAdoption': {
        const { adoptedOn, delegatesPresent, votesFor } = command.data;
        requireStatus(status, ['agreed'], "the workers' congress adopts a signed agreement");
        checkStepDate(state, 'adoptedOn', adoptedOn, today);
        if (votesFor > delegatesPresent) {
          throw invalid('BARGAINING.VOTES_EXCEED_DELEGATES', 'votesFor', `must not exceed delegatesPresent (${delegatesPresent})`);
        }
        if (votesFor * 2 <= delegatesPresent) {
          throw unprocessable('BARGAINING.NOT_ADOPTED', 'votesFor', 'an agreement is adopted by more than half of the delegates present');
        }
        return [{ type: 'AgreementAdopted', data: { talksId, adoptedOn, delegatesPresent, votesFor } }];
      }
      case 'FileAgreement': {
        const { filedOn, bureau } = command.data;
        requireStatus(status, ['adopted'], "an agreement is filed once the workers' congress has adopted it");
        checkStepDate(state, 'filedOn', filedOn, today);
        return [{ type: 'AgreementFiled', data: { talksId, filedOn, bureau } }];
      }
      case 'RecordBureauApproval':
      case 'RecordBureauObjection': {
        const field = command.type === 'RecordBureauApproval' ? 'approvedOn' : 'objectedOn';
        const on = command.type === 'RecordBureauApproval' ? command.data.approvedOn : command.data.objectedOn;
        // Judged by the recorded stage and the bureau's own date, not today: a reply dated inside the 15 days
        // counts even when it is entered after they ran out.
        if (state.status !== 'filed') throw outOfOrder(status, 'the labour bureau answers a filed agreement');
        checkStepDate(state, field, on, today);
        const lastDay = addDays(state.filedOn, REVIEW_DAYS);
        if (on > lastDay) {
          throw unprocessable('BARGAINING.REVIEW_PERIOD_OVER', field, `must be within ${REVIEW_DAYS} days of filing (by ${lastDay}); the agreement took effect without objection`);
        }
        return command.type === 'RecordBureauApproval'
          ? [{ type: 'AgreementApproved', data: { talksId, approvedOn: on } }]
          : [{ type: 'AgreementObjected', data: { talksId, objectedOn: on, reason: command.data.reason } }];
      }
      case 'WithdrawTalks': {
        const { withdrawnOn, reason } = command.data;
        if (['effective', 'expired', 'withdrawn'].includes(status) || state.status === 'approved') {
          throw outOfOrder(status, 'only open talks can be withdrawn');
        }
        checkStepDate(state, 'withdrawnOn', withdrawnOn, today);
        return [{ type: 'WageTalksWithdrawn', data: { talksId, withdrawnOn, reason } }];
      }
      default:
        return assertNever(command, 'wage talks command');
    }
  },
};

/** Whether an agreement may be renewed on `requestedOn`: in force, not yet renewed, in the last months of its term. */
export function checkRenewable(state: WageTalksState, requestedOn: string, today: string): TalksFacts {
  if (state.status === 'none') throw new DomainError('BARGAINING.TALKS_NOT_FOUND', 'not_found', 'No such wage talks');
  const standing = talksStatusOn(state, today);
  if (state.talks.renewedByTalksId) {
    throw new DomainError('BARGAINING.ALREADY_RENEWED', 'conflict', 'Renewal of this agreement was already requested', [], {
      renewalTalksId: state.talks.renewedByTalksId,
    });
  }
  if (standing.status !== 'effective' || !standing.expiresOn) throw outOfOrder(standing.status, 'only an agreement in force is renewed');
  checkStepDate(state, 'requestedOn', requestedOn, today);
  const windowOpens = addMonths(addDays(standing.expiresOn, 1), -RENEWAL_WINDOW_MONTHS);
  if (requestedOn < windowOpens) {
    throw unprocessable(
      'BARGAINING.RENEWAL_TOO_EARLY',
      'requestedOn',
      `renewal is requested in the last ${RENEWAL_WINDOW_MONTHS} months of the term, from ${windowOpens} (the term ends ${standing.expiresOn})`,
    );
  }
  return state.talks;
}

// ------------------------------------------------------------------------------------------------ helpers

function requireStatus(status: TalksStatus, allowed: readonly TalksStatus[], rule: string): void {
  if (!allowed.includes(status)) throw outOfOrder(status, rule);
}

function outOfOrder(status: TalksStatus, rule: string): DomainError {
  return new DomainError('BARGAINING.STEP_OUT_OF_ORDER', 'conflict', `Step out of order: ${rule}; the talks are ${status}`, [], { talksStatus: status });
}

/** A step's date is a real date, not in the future, and not before the step it follows. */
export function checkStepDate(state: ExistingTalks, field: string, date: string, today: string): void {
  if (!isCalendarDate(date)) throw invalid('BARGAINING.DATE_INVALID', field, 'must be a real date, YYYY-MM-DD');
  if (date > today) throw invalid('BARGAINING.DATE_IN_FUTURE', field, `must not be after today (${today})`);
  if (date < state.talks.lastStepOn) {
    throw unprocessable('BARGAINING.DATE_BEFORE_PREVIOUS_STEP', field, `must not be before the previous step (${state.talks.lastStepOn})`);
  }
}

export function invalid(code: string, field: string, reason: string): DomainError {
  return new DomainError(code, 'invalid', `${field} ${reason}`, [{ field, reason }]);
}

export function unprocessable(code: string, field: string, reason: string): DomainError {
  return new DomainError(code, 'unprocessable', `${field}: ${reason}`, [{ field, reason }]);
}
