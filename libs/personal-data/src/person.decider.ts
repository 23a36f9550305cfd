import { assertNever, DomainError, type Decider, type DomainEvent } from '#shared-kernel';

export const ERASURE_REASONS = ['data_subject_request', 'retention_period_ended', 'recorded_in_error', 'other'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** Names no personal data: the reason is a code, since free text could carry the very data being erased. */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { personId: string; reason: ErasureReason }>;
export type PersonEvent = PersonalDataErased;

export type PersonState = { status: 'on_record' } | { status: 'erased'; reason: ErasureReason };

export interface ErasePerson {
  type: 'ErasePerson';
  data: { personId: string; reason: ErasureReason };
}

export const personDecider: Decider<PersonState, ErasePerson, PersonEvent> = {
  initialState: (): PersonState => ({ status: 'on_record' }),
  /** Erasing twice records nothing new; the key is destroyed again all the same, in case the first attempt stopped short. */
  decide(command: ErasePerson, state: PersonState): PersonEvent[] {
    if (!ERASURE_REASONS.includes(command.data.reason)) {
      throw new DomainError('PERSONAL_DATA.UNKNOWN_REASON', 'invalid', 'Unknown erasure reason', [
        { field: 'reason', reason: `must be one of ${ERASURE_REASONS.join(', ')}` },
      ]);
    }
    if (state.status === 'erased') return [];
    return [{ type: 'PersonalDataErased', data: { personId: command.data.personId, reason: command.data.reason } }];
  },
  evolve(state: PersonState, event: PersonEvent): PersonState {
    switch (event.type) {
      case 'PersonalDataErased':
        return { status: 'erased', reason: event.data.reason };
      default:
        return assertNever(event.type, 'person event');
    }
  },
};
