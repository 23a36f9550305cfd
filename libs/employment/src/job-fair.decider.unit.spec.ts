import { catchDomainError as domainError } from '../../shared-kernel/src/testing/catch-domain-error.js';
import { jobFairDecider, type JobFairCommand, type JobFairEvent, type OrganiseJobFair } from './job-fair.decider.js';

const organise = (positions: OrganiseJobFair['data']['positions'] = []): JobFairCommand => ({
  type: 'OrganiseJobFair',
  data: { fairId: 'f-1', name: '春风行动专场招聘会', heldOn: '2026-03-15', place: '职工服务中心', unitId: 'unit-1', organiser: '区总工会', positions },
});
const organised: JobFairEvent = {
  type: 'JobFairOrganised',
  data: { fairId: 'f-1', name: '春风行动专场招聘会', heldOn: '2026-03-15', place: '职工服务中心', unitId: 'unit-1', organiser: '区总工会' },
};
const welders: JobFairEvent = { type: 'PositionOffered', data: { fairId: 'f-1', positionId: 'p-1', employer: '某机械公司', position: '电焊工', count: 10 } };
const state = (events: JobFairEvent[]) => events.reduce(jobFairDecider.evolve, jobFairDecider.initialState());

describe('job fairs', () => {
  it('records a fair with the positions offered at it', () => {
    expect(jobFairDecider.decide(organise([{ positionId: 'p-1', employer: '某机械公司', position: '电焊工', count: 10 }]), state([]))).toEqual([
      organised,
      welders,
    ]);
  });

  it('refuses the same position of the same employer listed twice, naming the repeat', () => {
    const error = domainError(() =>
      jobFairDecider.decide(
        organise([
          { positionId: 'p-1', employer: '某机械公司', position: '电焊工', count: 10 },
          { positionId: 'p-2', employer: '某机械公司 ', position: '电焊工', count: 5 },
        ]),
        state([]),
      ),
    );
    expect(error.problems).toEqual([{ field: 'positions[1]', reason: 'repeats positions[0]: add the counts together' }]);
  });

  it('adds a position to a recorded fair, but not one already offered, nor to an unknown fair', () => {
    const offer = (employer: string): JobFairCommand => ({ type: 'OfferPosition', data: { fairId: 'f-1', positionId: 'p-2', employer, position: '电焊工', count: 3 } });
    expect(jobFairDecider.decide(offer('另一家公司'), state([organised, welders]))).toHaveLength(1);
    const error = domainError(() => jobFairDecider.decide(offer('某机械公司'), state([organised, welders])));
    expect(error).toMatchObject({ code: 'EMPLOYMENT.POSITION_ALREADY_OFFERED', details: { positionId: 'p-1' } });
    expect(domainError(() => jobFairDecider.decide(offer('另一家公司'), state([]))).category).toBe('not_found');
  });

  it('refuses to record the same fair twice', () => {
    expect(domainError(() => jobFairDecider.decide(organise(), state([organised]))).code).toBe('EMPLOYMENT.FAIR_EXISTS');
  });
});
