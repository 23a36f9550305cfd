import { catchDomainError } from '../../shared-kernel/src/testing/catch-domain-error.js';
import { personDecider, type ErasureReason, type PersonEvent } from './person.decider.js';

const personId = '6f1c6d1e-1111-4c3b-9a55-000000000001';
const given = (events: PersonEvent[]) => events.reduce(personDecider.evolve, personDecider.initialState());

describe('erasing a person', () => {
  it('records the erasure with its reason and no personal data', () => {
    expect(personDecider.decide({ type: 'ErasePerson', data: { personId, reason: 'data_subject_request' } }, given([]))).toEqual([
      { type: 'PersonalDataErased', data: { personId, reason: 'data_subject_request' } },
    ]);
  });

  it('records nothing new the second time', () => {
    const erased = given([{ type: 'PersonalDataErased', data: { personId, reason: 'other' } }]);
    expect(personDecider.decide({ type: 'ErasePerson', data: { personId, reason: 'other' } }, erased)).toEqual([]);
  });

  it('refuses a reason it does not know, naming the field', () => {
    const error = catchDomainError(() =>
      personDecider.decide({ type: 'ErasePerson', data: { personId, reason: 'because' as ErasureReason } }, given([])),
    );
    expect(error.code).toBe('PERSONAL_DATA.UNKNOWN_REASON');
    expect(error.problems).toEqual([expect.objectContaining({ field: 'reason' })]);
  });
});
