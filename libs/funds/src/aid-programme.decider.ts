import { assertNever, DomainError, type DomainEvent, type Fen } from '#shared-kernel';
import type { AdmissionLevel, AidProgramme, HardshipTier, RecipientKind } from './funds.vocabulary.js';

/** Who a programme helps. Empty lists mean "no condition". */
export interface Eligibility {
  /** Households on the hardship register, workers without a file, or both. */
  recipients: RecipientKind[];
  /** For households: the tiers the programme is for (empty: any tier). */
  tiers: HardshipTier[];
  /** For education grants: the admissions that qualify (empty: none needed). */
  admissionLevels: AdmissionLevel[];
}

export type AidProgrammeEstablished = DomainEvent<
  'AidProgrammeEstablished',
  {
    programmeId: string;
    unitId: string;
    year: number;
    kind: AidProgramme;
    name: string;
    /** The most one household may receive under this programme in its year. */
    householdCapFen: Fen;
    /** A campaign (送温暖, 金秋助学) gives each household at most one grant. */
    oneGrantPerHousehold: boolean;
    eligibility: Eligibility;
    opensOn: string;
    closesOn: string;
  }
>;
export type AidProgrammeClosed = DomainEvent<'AidProgrammeClosed', { programmeId: string; closedOn: string }>;
export type AidProgrammeEvent = AidProgrammeEstablished | AidProgrammeClosed;

export type AidProgrammeState =
  | { status: 'none' }
  | (AidProgrammeEstablished['data'] & { status: 'open' })
  | (AidProgrammeEstablished['data'] & { status: 'closed'; closedOn: string });
export type EstablishedProgramme = Exclude<AidProgrammeState, { status: 'none' }>;

export type AidProgrammeCommand =
  | { type: 'EstablishAidProgramme'; data: AidProgrammeEstablished['data'] }
  | { type: 'CloseAidProgramme'; data: { programmeId: string; closedOn: string } };

export function decideAidProgramme(command: AidProgrammeCommand, state: AidProgrammeState): AidProgrammeEvent[] {
  switch (command.type) {
    case 'EstablishAidProgramme': {
      if (state.status !== 'none') throw new DomainError('AID.PROGRAMME_EXISTS', 'conflict', 'The programme exists already');
      const { opensOn, closesOn, eligibility } = command.data;
      if (closesOn < opensOn) {
        throw new DomainError('AID.PROGRAMME_DATES', 'unprocessable', 'A programme closes after it opens', [{ field: 'closesOn', reason: 'is before opensOn' }]);
      }
      if (eligibility.admissionLevels.length > 0 && !eligibility.recipients.includes('hardship_file')) {
        throw new DomainError('AID.PROGRAMME_ELIGIBILITY', 'unprocessable', 'Admissions are recorded on a household file', [
          { field: 'eligibility.recipients', reason: 'must include hardship_file when admissions are required' },
        ]);
      }
      return [{ type: 'AidProgrammeEstablished', data: command.data }];
    }
    case 'CloseAidProgramme':
      if (state.status === 'none') throw new DomainError('AID.PROGRAMME_NOT_FOUND', 'not_found', `No programme ${command.data.programmeId}`);
      if (state.status === 'closed') return [];
      return [{ type: 'AidProgrammeClosed', data: command.data }];
    default:
      return assertNever(command, 'programme command');
  }
}

export function evolveAidProgramme(state: AidProgrammeState, event: AidProgrammeEvent): AidProgrammeState {
  switch (event.type) {
    case 'AidProgrammeEstablished':
      return { ...event.data, status: 'open' };
    case 'AidProgrammeClosed':
      return state.status === 'open' ? { ...state, status: 'closed', closedOn: event.data.closedOn } : state;
    default:
      return assertNever(event, 'programme event');
  }
}

export const aidProgrammeDecider = {
  initialState: (): AidProgrammeState => ({ status: 'none' }),
  decide: decideAidProgramme,
  evolve: evolveAidProgramme,
};

export type AidApprovalThresholdSet = DomainEvent<'AidApprovalThresholdSet', { unitId: string; thresholdFen: Fen }>;
export type AidPolicyState = { thresholdFen: Fen };
/** Until a unit sets one, every grant needs a supervisor's approval. */
export const aidPolicyEvolution = {
  initialState: (): AidPolicyState => ({ thresholdFen: 0 as Fen }),
  evolve: (_state: AidPolicyState, event: AidApprovalThresholdSet): AidPolicyState => ({ thresholdFen: event.data.thresholdFen }),
};
