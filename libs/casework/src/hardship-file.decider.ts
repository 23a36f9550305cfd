import { addMonths, assertNever, DomainError, isCalendarDate, type DomainEvent } from '#shared-kernel';
import type {
  AidProgramme,
  Gender,
  HardshipCategory,
  HardshipTier,
  LeavingReason,
  ReviewOutcome,
  Sealed,
  VisitOccasion,
} from './casework.vocabulary.js';

/** A household's situation as assessed on opening, on each review and on re-entry. Money is integer fen. */
export interface HouseholdAssessment {
  householdSize: number;
  /** Per-person monthly household income after the rigid costs of illness, disability, schooling and housing. */
  perCapitaMonthlyIncomeFen: number;
  /** The local minimum living standard (低保标准) per person and month that the income is measured against. */
  minimumLivingStandardFen: number;
  categories: HardshipCategory[];
  tier: HardshipTier;
}

/** A migrant worker is filed only as a union member with a year of employment. */
export interface MigrantWorkerFacts {
  unionMember: boolean;
  employedSince: string;
}

export type HardshipFileOpened = DomainEvent<
  'HardshipFileOpened',
  HouseholdAssessment & {
    fileId: string;
    unitId: string;
    /** Name, resident ID number, phone, address, illness details and the five-clears survey, sealed. */
    worker: Sealed;
    gender: Gender;
    enterpriseId: string | null;
    employerName: string | null;
    migrantWorker: MigrantWorkerFacts | null;
    surveyedOn: string;
    openedOn: string;
    nextReviewDue: string;
  }
>;
export type HardshipFileReviewed = DomainEvent<
  'HardshipFileReviewed',
  {
    fileId: string;
    reviewedOn: string;
    outcome: ReviewOutcome;
    householdSize: number;
    perCapitaMonthlyIncomeFen: number;
    minimumLivingStandardFen: number;
    categories: HardshipCategory[];
    /** null when the household recovered. */
    tier: HardshipTier | null;
    previousTier: HardshipTier;
    nextReviewDue: string | null;
    notes: Sealed | null;
  }
>;
export type HardshipFileClosed = DomainEvent<
  'HardshipFileClosed',
  { fileId: string; reason: LeavingReason; leftOn: string; incomeAboveStandardSince: string | null; notes: Sealed | null }
>;
export type HardshipFileReentered = DomainEvent<
  'HardshipFileReentered',
  HouseholdAssessment & { fileId: string; reenteredOn: string; nextReviewDue: string; notes: Sealed | null }
>;
export type HardshipVisitRecorded = DomainEvent<
  'HardshipVisitRecorded',
  { fileId: string; visitId: string; occasion: VisitOccasion; visitedOn: string; visitors: string[]; notes: Sealed | null }
>;
export type AidRequestNoted = DomainEvent<
  'AidRequestNoted',
  { fileId: string; requestId: string; programme: AidProgramme; amountRequestedFen: number; requestedOn: string; reason: Sealed }
>;
export type HardshipFileEvent =
  | HardshipFileOpened
  | HardshipFileReviewed
  | HardshipFileClosed
  | HardshipFileReentered
  | HardshipVisitRecorded
  | AidRequestNoted;

/** Written to the person's stream next to the file's own events: the claim that keeps a second open file out. */
export type HardshipFileClaimed = DomainEvent<'HardshipFileClaimed', { personId: string; fileId: string }>;
export type HardshipFileReleased = DomainEvent<'HardshipFileReleased', { personId: string; fileId: string }>;
export type PersonClaimEvent = HardshipFileClaimed | HardshipFileReleased;

interface FileFacts {
  fileId: string;
  unitId: string;
  personId: string;
  surveyedOn: string;
  openedOn: string;
  lastReviewedOn: string | null;
}
export type HardshipFileState =
  | { status: 'none' }
  | (FileFacts & { status: 'open'; tier: HardshipTier; nextReviewDue: string; onRegisterSince: string })
  | (FileFacts & { status: 'closed'; reason: LeavingReason; leftOn: string });

export type PersonClaimState = { status: 'free' } | { status: 'claimed'; fileId: string };

type Today = { today: string };
export interface OpenHardshipFile {
  type: 'OpenHardshipFile';
  data: Omit<HardshipFileOpened['data'], 'openedOn'> & Today;
}
export interface ReviewHardshipFile {
  type: 'ReviewHardshipFile';
  data: Omit<HardshipFileReviewed['data'], 'previousTier'> & { incomeAboveStandardSince: string | null } & Today;
}
export interface LeaveRegister {
  type: 'LeaveRegister';
  data: HardshipFileClosed['data'] & Today;
}
export interface ReenterRegister {
  type: 'ReenterRegister';
  data: HardshipFileReentered['data'] & Today;
}
export interface RecordVisit {
  type: 'RecordVisit';
  data: HardshipVisitRecorded['data'] & Today;
}
export interface NoteAidRequest {
  type: 'NoteAidRequest';
  data: AidRequestNoted['data'] & Today;
}
export type HardshipFileCommand = OpenHardshipFile | ReviewHardshipFile | LeaveRegister | ReenterRegister | RecordVisit | NoteAidRequest;

/** What one command records: on the file's stream, and on the person's claim stream (appended together). */
export interface HardshipFileDecision {
  readonly file: HardshipFileEvent[];
  readonly claim: PersonClaimEvent[];
}

/** 脱困: income above 低保 for six consecutive months. */
export const MONTHS_ABOVE_STANDARD_TO_RECOVER = 6;
/** A full clean-up at least once a year: no review is scheduled further out. */
export const MAX_MONTHS_TO_NEXT_REVIEW = 12;
export const MIGRANT_MONTHS_EMPLOYED = 12;

export const hardshipFileEvolution = {
  initialState: (): HardshipFileState => ({ status: 'none' }),
  evolve(state: HardshipFileState, event: HardshipFileEvent): HardshipFileState {
    switch (event.type) {
      case 'HardshipFileOpened': {
        const { fileId, unitId, worker, surveyedOn, openedOn, tier, nextReviewDue } = event.data;
        return {
          status: 'open',
          fileId,
          unitId,
          personId: worker.personId,
          surveyedOn,
          openedOn,
          lastReviewedOn: null,
          tier,
          nextReviewDue,
          onRegisterSince: openedOn,
        };
      }
      case 'HardshipFileReviewed':
        if (state.status !== 'open') return state;
        return {
          ...state,
          lastReviewedOn: event.data.reviewedOn,
          tier: event.data.tier ?? state.tier,
          nextReviewDue: event.data.nextReviewDue ?? state.nextReviewDue,
        };
      case 'HardshipFileClosed': {
        if (state.status !== 'open') return state;
        const { tier: _tier, nextReviewDue: _due, onRegisterSince: _since, ...facts } = state;
        return { ...facts, status: 'closed', reason: event.data.reason, leftOn: event.data.leftOn };
      }
      case 'HardshipFileReentered': {
        if (state.status !== 'closed') return state;
        const { reason: _reason, leftOn: _leftOn, ...facts } = state;
        const { tier, nextReviewDue, reenteredOn } = event.data;
        return { ...facts, status: 'open', tier, nextReviewDue, onRegisterSince: reenteredOn };
      }
      case 'HardshipVisitRecorded':
      case 'AidRequestNoted':
        return state;
      default:
        return assertNever(event, 'hardship file event');
    }
  },
};

export const personClaimEvolution = {
  initialState: (): PersonClaimState => ({ status: 'free' }),
  evolve(state: PersonClaimState, event: PersonClaimEvent): PersonClaimState {
    switch (event.type) {
      case 'HardshipFileClaimed':
        return { status: 'claimed', fileId: event.data.fileId };
      case 'HardshipFileReleased':
        return state.status === 'claimed' && state.fileId === event.data.fileId ? { status: 'free' } : state;
      default:
        return assertNever(event, 'person claim event');
    }
  },
};

export function decideHardshipFile(command: HardshipFileCommand, file: HardshipFileState, claim: PersonClaimState): HardshipFileDecision {
  switch (command.type) {
    case 'OpenHardshipFile':
      return open(command, file, claim);
    case 'ReviewHardshipFile':
      return review(command, file);
    case 'LeaveRegister':
      return leave(command, file);
    case 'ReenterRegister':
      return reenter(command, file, claim);
    case 'RecordVisit':
      return { file: [recordVisit(command, file)], claim: [] };
    case 'NoteAidRequest':
      return { file: [noteAidRequest(command, file)], claim: [] };
    default:
      return assertNever(command, 'hardship file command');
  }
}

function open({ data }: OpenHardshipFile, file: HardshipFileState, claim: PersonClaimState): HardshipFileDecision {
  const { today, ...opened } = data;
  if (file.status !== 'none') throw new DomainError('CASEWORK.FILE_EXISTS', 'conflict', `Hardship file ${data.fileId} already exists`);
  refuseSecondOpenFile(claim, data.fileId);
  checkDate(data.surveyedOn, 'surveyedOn', { notAfter: today });
  checkAssessment(data);
  checkNextReview(data.nextReviewDue, today);
  if (data.categories.includes('migrant_worker')) checkMigrantWorker(data.migrantWorker, today);
  const personId = data.worker.personId;
  return {
    file: [{ type: 'HardshipFileOpened', data: { ...opened, openedOn: today } }],
    claim: [{ type: 'HardshipFileClaimed', data: { personId, fileId: data.fileId } }],
  };
}

function review({ data }: ReviewHardshipFile, file: HardshipFileState): HardshipFileDecision {
  const open = requireOpen(file, data.fileId, 'reviewed');
  const { today, incomeAboveStandardSince, ...reviewed } = data;
  checkDate(data.reviewedOn, 'reviewedOn', { notAfter: today, notBefore: open.lastReviewedOn ?? open.onRegisterSince });
  checkHousehold(data);
  switch (data.outcome) {
    case 'still_in_hardship': {
      if (data.tier === null) throw invalid('CASEWORK.TIER_REQUIRED', 'tier', 'is required while the household is still in hardship');
      checkTier({ ...data, tier: data.tier });
      if (data.nextReviewDue === null) {
        throw invalid('CASEWORK.NEXT_REVIEW_REQUIRED', 'nextReviewDue', 'is required while the household is still in hardship');
      }
      checkNextReview(data.nextReviewDue, today);
      return { file: [{ type: 'HardshipFileReviewed', data: { ...reviewed, previousTier: open.tier } }], claim: [] };
    }
    case 'recovered': {
      if (data.perCapitaMonthlyIncomeFen <= data.minimumLivingStandardFen) {
        throw unprocessable(
          'CASEWORK.NOT_RECOVERED',
          'perCapitaMonthlyIncomeFen',
          `must be above the minimum living standard (${data.minimumLivingStandardFen} fen) for the household to leave as recovered (脱困)`,
        );
      }
      const since = checkRecoveredSince(incomeAboveStandardSince, data.reviewedOn);
      const closed: HardshipFileClosed = {
        type: 'HardshipFileClosed',
        data: { fileId: data.fileId, reason: 'out_of_hardship', leftOn: data.reviewedOn, incomeAboveStandardSince: since, notes: null },
      };
      return {
        file: [{ type: 'HardshipFileReviewed', data: { ...reviewed, tier: null, nextReviewDue: null, previousTier: open.tier } }, closed],
        claim: [{ type: 'HardshipFileReleased', data: { personId: open.personId, fileId: data.fileId } }],
      };
    }
    default:
      return assertNever(data.outcome, 'review outcome');
  }
}

function leave({ data }: LeaveRegister, file: HardshipFileState): HardshipFileDecision {
  const open = requireOpen(file, data.fileId, 'taken off the register');
  const { today, ...closed } = data;
  checkDate(data.leftOn, 'leftOn', { notAfter: today, notBefore: open.onRegisterSince });
  const since = data.reason === 'out_of_hardship' ? checkRecoveredSince(data.incomeAboveStandardSince, data.leftOn) : null;
  return {
    file: [{ type: 'HardshipFileClosed', data: { ...closed, incomeAboveStandardSince: since } }],
    claim: [{ type: 'HardshipFileReleased', data: { personId: open.personId, fileId: data.fileId } }],
  };
}

function reenter({ data }: ReenterRegister, file: HardshipFileState, claim: PersonClaimState): HardshipFileDecision {
  if (file.status === 'none') throw notFound(data.fileId);
  if (file.status === 'open') {
    throw new DomainError('CASEWORK.FILE_ALREADY_OPEN', 'conflict', 'The file is on the register already', [], { fileId: file.fileId });
  }
  if (file.reason === 'deceased') {
    throw new DomainError('CASEWORK.WORKER_DECEASED', 'unprocessable', 'The file was closed on the death of the worker: it cannot re-enter');
  }
  refuseSecondOpenFile(claim, data.fileId);
  const { today, ...reentered } = data;
  checkDate(data.reenteredOn, 'reenteredOn', { notAfter: today, notBefore: file.leftOn });
  checkAssessment(data);
  checkNextReview(data.nextReviewDue, today);
  return {
    file: [{ type: 'HardshipFileReentered', data: reentered }],
    claim: [{ type: 'HardshipFileClaimed', data: { personId: file.personId, fileId: data.fileId } }],
  };
}

function recordVisit({ data }: RecordVisit, file: HardshipFileState): HardshipVisitRecorded {
  // The five must-visits do not stop at the register: a bereaved family is visited after the file closed too.
  if (file.status === 'none') throw notFound(data.fileId);
  const { today, ...visit } = data;
  checkDate(data.visitedOn, 'visitedOn', { notAfter: today, notBefore: file.surveyedOn });
  if (new Set(data.visitors).size !== data.visitors.length) throw invalid('CASEWORK.DUPLICATE_VISITOR', 'visitors', 'lists the same person twice');
  return { type: 'HardshipVisitRecorded', data: visit };
}

function noteAidRequest({ data }: NoteAidRequest, file: HardshipFileState): AidRequestNoted {
  const open = requireOpen(file, data.fileId, 'given an aid request');
  const { today, ...request } = data;
  checkDate(data.requestedOn, 'requestedOn', { notAfter: today, notBefore: open.onRegisterSince });
  if (!Number.isSafeInteger(data.amountRequestedFen) || data.amountRequestedFen <= 0) {
    throw invalid('CASEWORK.AMOUNT_INVALID', 'amountRequestedFen', 'must be a whole number of fen above zero');
  }
  return { type: 'AidRequestNoted', data: request };
}

// ------------------------------------------------------------------------------------------------ the rules

function refuseSecondOpenFile(claim: PersonClaimState, fileId: string): void {
  if (claim.status === 'claimed' && claim.fileId !== fileId) {
    throw new DomainError(
      'CASEWORK.PERSON_HAS_OPEN_FILE',
      'conflict',
      'This worker already has a hardship file on the register: one person, one open file',
      [{ field: 'residentId', reason: 'already has an open hardship file' }],
      { existingFileId: claim.fileId },
    );
  }
}

function requireOpen(file: HardshipFileState, fileId: string, what: string) {
  if (file.status === 'none') throw notFound(fileId);
  if (file.status === 'closed') {
    throw new DomainError('CASEWORK.FILE_CLOSED', 'conflict', `The file left the register (${file.reason}) and cannot be ${what}; re-enter it first`, [], {
      fileId,
      leavingReason: file.reason,
    });
  }
  return file;
}

function checkAssessment(assessment: HouseholdAssessment): void {
  checkHousehold(assessment);
  checkTier(assessment);
}

function checkHousehold(assessment: Omit<HouseholdAssessment, 'tier'>): void {
  if (!Number.isSafeInteger(assessment.householdSize) || assessment.householdSize < 1) {
    throw invalid('CASEWORK.HOUSEHOLD_SIZE_INVALID', 'householdSize', 'must be a whole number of people, at least 1');
  }
  if (!Number.isSafeInteger(assessment.perCapitaMonthlyIncomeFen) || assessment.perCapitaMonthlyIncomeFen < 0) {
    throw invalid('CASEWORK.AMOUNT_INVALID', 'perCapitaMonthlyIncomeFen', 'must be a whole number of fen, zero or more');
  }
  if (!Number.isSafeInteger(assessment.minimumLivingStandardFen) || assessment.minimumLivingStandardFen <= 0) {
    throw invalid('CASEWORK.AMOUNT_INVALID', 'minimumLivingStandardFen', 'must be a whole number of fen above zero');
  }
  if (assessment.categories.length === 0) throw invalid('CASEWORK.CATEGORY_REQUIRED', 'categories', 'needs at least one cause of hardship');
  if (new Set(assessment.categories).size !== assessment.categories.length) {
    throw invalid('CASEWORK.DUPLICATE_CATEGORY', 'categories', 'lists the same category twice');
  }
}

/** The income rules of the tiers, against the local minimum living standard (低保). */
function checkTier({ tier, perCapitaMonthlyIncomeFen: income, minimumLivingStandardFen: standard, categories }: HouseholdAssessment): void {
  switch (tier) {
    case 'deep':
      if (income > standard) {
        throw unprocessable('CASEWORK.TIER_INCOME_MISMATCH', 'tier', `深度困难 needs a per-capita income at or below 低保 (${standard} fen); it is ${income} fen`);
      }
      return;
    case 'relative':
      if (income <= standard) {
        throw unprocessable('CASEWORK.TIER_INCOME_MISMATCH', 'tier', `the income is at or below 低保 (${standard} fen): the tier is 深度困难 (deep)`);
      }
      if (income >= 2 * standard) {
        throw unprocessable('CASEWORK.TIER_INCOME_MISMATCH', 'tier', `相对困难 needs a per-capita income below twice 低保 (${2 * standard} fen); it is ${income} fen`);
      }
      return;
    case 'accident':
      if (!categories.includes('disaster_accident') && !categories.includes('illness')) {
        throw unprocessable('CASEWORK.ACCIDENT_NEEDS_CAUSE', 'categories', '意外致困 needs a sudden event or major illness: include disaster_accident or illness');
      }
      return;
    default:
      return assertNever(tier, 'hardship tier');
  }
}

function checkNextReview(nextReviewDue: string, today: string): void {
  checkDate(nextReviewDue, 'nextReviewDue', {});
  if (nextReviewDue <= today) throw invalid('CASEWORK.NEXT_REVIEW_NOT_AHEAD', 'nextReviewDue', `must be after today (${today})`);
  const latest = addMonths(today, MAX_MONTHS_TO_NEXT_REVIEW);
  if (nextReviewDue > latest) {
    throw invalid('CASEWORK.NEXT_REVIEW_TOO_FAR', 'nextReviewDue', `must be within ${MAX_MONTHS_TO_NEXT_REVIEW} months (by ${latest}): files are reviewed at least once a year`);
  }
}

function checkMigrantWorker(facts: MigrantWorkerFacts | null, today: string): void {
  if (!facts) throw unprocessable('CASEWORK.MIGRANT_FACTS_REQUIRED', 'migrantWorker', 'is required for a migrant worker: union membership and employment start');
  if (!facts.unionMember) {
    throw unprocessable('CASEWORK.MIGRANT_NOT_MEMBER', 'migrantWorker.unionMember', 'a migrant worker is filed only as a union member');
  }
  const latest = addMonths(today, -MIGRANT_MONTHS_EMPLOYED);
  checkDate(facts.employedSince, 'migrantWorker.employedSince', { notAfter: today });
  if (facts.employedSince > latest) {
    throw unprocessable('CASEWORK.MIGRANT_EMPLOYED_UNDER_A_YEAR', 'migrantWorker.employedSince', `a migrant worker needs a year of employment (since ${latest} or earlier)`);
  }
}

function checkRecoveredSince(since: string | null, leftOn: string): string {
  if (since === null) {
    throw unprocessable('CASEWORK.RECOVERY_DATE_REQUIRED', 'incomeAboveStandardSince', 'is required: a household leaves as recovered (脱困) after six months above 低保');
  }
  checkDate(since, 'incomeAboveStandardSince', { notAfter: leftOn });
  const latest = addMonths(leftOn, -MONTHS_ABOVE_STANDARD_TO_RECOVER);
  if (since > latest) {
    throw unprocessable('CASEWORK.NOT_SIX_MONTHS_ABOVE_STANDARD', 'incomeAboveStandardSince', `must be ${latest} or earlier: 脱困 needs six consecutive months above 低保`);
  }
  return since;
}

function checkDate(date: string, field: string, bounds: { notAfter?: string; notBefore?: string }): void {
  if (!isCalendarDate(date)) throw invalid('CASEWORK.DATE_INVALID', field, 'must be a real date, YYYY-MM-DD');
  if (bounds.notAfter && date > bounds.notAfter) throw invalid('CASEWORK.DATE_IN_FUTURE', field, `must not be after ${bounds.notAfter}`);
  if (bounds.notBefore && date < bounds.notBefore) throw invalid('CASEWORK.DATE_TOO_EARLY', field, `must not be before ${bounds.notBefore}`);
}

function notFound(fileId: string): DomainError {
  return new DomainError('CASEWORK.FILE_NOT_FOUND', 'not_found', `No hardship file ${fileId}`);
}

function invalid(code: string, field: string, reason: string): DomainError {
  return new DomainError(code, 'invalid', `${field} ${reason}`, [{ field, reason }]);
}

function unprocessable(code: string, field: string, reason: string): DomainError {
  return new DomainError(code, 'unprocessable', `${field}: ${reason}`, [{ field, reason }]);
}
