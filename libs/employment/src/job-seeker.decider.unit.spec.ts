import { catchDomainError as domainError } from '../../shared-kernel/src/testing/catch-domain-error.js';
import { jobSeekerDecider, type JobSeekerCommand, type JobSeekerEvent, type JobSeekerRegistered } from './job-seeker.decider.js';

const TODAY = '2026-06-15';
const registered: JobSeekerRegistered = {
  type: 'JobSeekerRegistered',
  data: {
    seekerId: 's-1',
    personal: { personId: 'p-1', sealed: 'pd1.sealed' },
    kind: 'laid_off_worker',
    gender: 'female',
    unitId: 'unit-1',
    registeredOn: '2026-03-02',
  },
};
const enrolled: JobSeekerEvent = {
  type: 'TrainingEnrolled',
  data: { seekerId: 's-1', trainingId: 't-1', cycle: 1, courseType: 'domestic_service', courseName: '家政服务员培训班', provider: '市第四技校', startsOn: '2026-04-01', endsOn: '2026-04-30' },
};
const referred: JobSeekerEvent = {
  type: 'SeekerReferred',
  data: { seekerId: 's-1', referralId: 'r-1', cycle: 1, employer: '某家政公司', position: '家政服务员', fairId: null, positionId: null, referredOn: '2026-05-10' },
};
const rehired: JobSeekerEvent = {
  type: 'WorkerRehired',
  data: { seekerId: 's-1', cycle: 1, employer: '某家政公司', position: '家政服务员', startedOn: '2026-06-01', channel: 'referral', referralId: 'r-1', fairId: null },
};

const given = (events: JobSeekerEvent[]) => ({
  when: (command: JobSeekerCommand) => {
    const state = events.reduce(jobSeekerDecider.evolve, jobSeekerDecider.initialState());
    return () => jobSeekerDecider.decide(command, state);
  },
});

const register = (overrides: Partial<JobSeekerRegistered['data']> = {}): JobSeekerCommand => ({
  type: 'RegisterJobSeeker',
  data: { ...registered.data, ...overrides, today: TODAY },
});
const rehire = (overrides: Partial<Extract<JobSeekerCommand, { type: 'RecordRehiring' }>['data']> = {}): JobSeekerCommand => ({
  type: 'RecordRehiring',
  data: { seekerId: 's-1', employer: '某家政公司', position: '家政服务员', startedOn: '2026-06-01', channel: 'referral', referralId: 'r-1', fairId: null, today: TODAY, ...overrides },
});
const loseJob = (overrides: Partial<Extract<JobSeekerCommand, { type: 'ReregisterAfterJobLoss' }>['data']> = {}): JobSeekerCommand => ({
  type: 'ReregisterAfterJobLoss',
  data: { seekerId: 's-1', kind: null, lostJobOn: '2026-06-10', jobLossReason: 'business_closed', registeredOn: '2026-06-12', today: TODAY, ...overrides },
});

describe('registering a job seeker', () => {
  it('records the registration with the personal data as sealed', () => {
    expect(given([]).when(register())()).toEqual([registered]);
  });

  it('refuses a registration dated in the future, naming the field', () => {
    const error = domainError(given([]).when(register({ registeredOn: '2026-06-16' })));
    expect(error.category).toBe('invalid');
    expect(error.problems).toEqual([{ field: 'registeredOn', reason: `must not be after today (${TODAY})` }]);
  });

  it('refuses to register the same seeker twice', () => {
    expect(domainError(given([registered]).when(register())).code).toBe('EMPLOYMENT.SEEKER_EXISTS');
  });
});

describe('training', () => {
  const enrol = (overrides: Record<string, string> = {}): JobSeekerCommand => ({
    type: 'EnrolInTraining',
    data: { ...(enrolled.data as Extract<JobSeekerEvent, { type: 'TrainingEnrolled' }>['data']), today: TODAY, ...overrides },
  });

  it('enrols a registered seeker in the current cycle', () => {
    expect(given([registered]).when(enrol())()).toEqual([enrolled]);
  });

  it('refuses a course that ends before it starts, an unknown seeker, and a rehired worker', () => {
    expect(domainError(given([registered]).when(enrol({ endsOn: '2026-03-31' }))).problems[0].field).toBe('endsOn');
    expect(domainError(given([]).when(enrol())).category).toBe('not_found');
    expect(domainError(given([registered, referred, rehired]).when(enrol({ trainingId: 't-2' }))).code).toBe('EMPLOYMENT.ALREADY_REHIRED');
  });

  it('records completion once, not before the course starts nor in the future', () => {
    const complete = (completedOn: string, trainingId = 't-1'): JobSeekerCommand => ({
      type: 'CompleteTraining',
      data: { seekerId: 's-1', trainingId, completedOn, certified: true, today: TODAY },
    });
    expect(given([registered, enrolled]).when(complete('2026-04-30'))()).toEqual([
      { type: 'TrainingCompleted', data: { seekerId: 's-1', trainingId: 't-1', completedOn: '2026-04-30', certified: true } },
    ]);
    const completed: JobSeekerEvent = { type: 'TrainingCompleted', data: { seekerId: 's-1', trainingId: 't-1', completedOn: '2026-04-30', certified: true } };
    expect(domainError(given([registered, enrolled, completed]).when(complete('2026-04-30'))).code).toBe('EMPLOYMENT.TRAINING_FINISHED');
    expect(domainError(given([registered, enrolled]).when(complete('2026-03-30'))).problems[0].field).toBe('completedOn');
    expect(domainError(given([registered, enrolled]).when(complete('2026-07-01'))).code).toBe('EMPLOYMENT.DATE_IN_FUTURE');
    expect(domainError(given([registered, enrolled]).when(complete('2026-04-30', 't-9'))).code).toBe('EMPLOYMENT.TRAINING_NOT_FOUND');
  });

  it('records a drop-out, after which the course cannot be completed', () => {
    const dropOut: JobSeekerCommand = { type: 'DropOutOfTraining', data: { seekerId: 's-1', trainingId: 't-1', droppedOn: '2026-04-15', reason: 'health', today: TODAY } };
    const [dropped] = given([registered, enrolled]).when(dropOut)();
    expect(dropped).toEqual({ type: 'TrainingDroppedOut', data: { seekerId: 's-1', trainingId: 't-1', droppedOn: '2026-04-15', reason: 'health' } });
    const complete: JobSeekerCommand = { type: 'CompleteTraining', data: { seekerId: 's-1', trainingId: 't-1', completedOn: '2026-04-30', certified: false, today: TODAY } };
    expect(domainError(given([registered, enrolled, dropped]).when(complete)).code).toBe('EMPLOYMENT.TRAINING_FINISHED');
  });
});

describe('referrals', () => {
  const refer = (overrides: Record<string, unknown> = {}): JobSeekerCommand => ({
    type: 'ReferSeeker',
    data: { seekerId: 's-1', referralId: 'r-1', employer: '某家政公司', position: '家政服务员', fairId: null, positionId: null, referredOn: '2026-05-10', today: TODAY, ...overrides },
  });

  it('refers a seeker in the current cycle', () => {
    expect(given([registered]).when(refer())()).toEqual([referred]);
  });

  it('refuses a referral before the registration', () => {
    expect(domainError(given([registered]).when(refer({ referredOn: '2026-03-01' }))).problems).toEqual([
      { field: 'referredOn', reason: 'must not be before the registration (2026-03-02)' },
    ]);
  });

  it('records that a referral did not lead to the job, once', () => {
    const outcome: JobSeekerCommand = { type: 'RecordReferralOutcome', data: { seekerId: 's-1', referralId: 'r-1', outcome: 'not_hired', recordedOn: '2026-05-20', today: TODAY } };
    const [recorded] = given([registered, referred]).when(outcome)();
    expect(recorded).toEqual({ type: 'ReferralOutcomeRecorded', data: { seekerId: 's-1', referralId: 'r-1', outcome: 'not_hired', recordedOn: '2026-05-20' } });
    expect(domainError(given([registered, referred, recorded]).when(outcome)).code).toBe('EMPLOYMENT.REFERRAL_CLOSED');
    expect(domainError(given([registered]).when(outcome)).code).toBe('EMPLOYMENT.REFERRAL_NOT_FOUND');
  });
});

describe('WorkerRehired', () => {
  it('records the job of a registered seeker, in the current cycle', () => {
    expect(given([registered, referred]).when(rehire())()).toEqual([rehired]);
  });

  it('refuses an unknown seeker with not found', () => {
    expect(domainError(given([]).when(rehire())).code).toBe('EMPLOYMENT.SEEKER_NOT_FOUND');
  });

  it('refuses to rehire a worker who is already rehired', () => {
    const error = domainError(given([registered, referred, rehired]).when(rehire({ referralId: null })));
    expect(error.code).toBe('EMPLOYMENT.ALREADY_REHIRED');
    expect(error.category).toBe('conflict');
  });

  it('refuses a start before the registration or in the future', () => {
    expect(domainError(given([registered, referred]).when(rehire({ startedOn: '2026-03-01' }))).problems[0].field).toBe('startedOn');
    expect(domainError(given([registered, referred]).when(rehire({ startedOn: '2026-06-16' }))).code).toBe('EMPLOYMENT.DATE_IN_FUTURE');
  });

  it('requires a named referral to be open, and to fit the channel', () => {
    expect(domainError(given([registered]).when(rehire())).code).toBe('EMPLOYMENT.REFERRAL_NOT_OPEN');
    expect(domainError(given([registered, referred]).when(rehire({ channel: 'self_employment' }))).code).toBe('EMPLOYMENT.REFERRAL_NOT_FOR_CHANNEL');
    expect(domainError(given([registered]).when(rehire({ channel: 'training_base', referralId: null, fairId: 'f-1' }))).problems[0].field).toBe('fairId');
  });

  it('closes every referral of the cycle, so none can be given an outcome afterwards', () => {
    const outcome: JobSeekerCommand = { type: 'RecordReferralOutcome', data: { seekerId: 's-1', referralId: 'r-1', outcome: 'not_hired', recordedOn: '2026-06-05', today: TODAY } };
    expect(domainError(given([registered, referred, rehired]).when(outcome)).code).toBe('EMPLOYMENT.REFERRAL_CLOSED');
  });
});

describe('job loss and registering again', () => {
  it('registers a rehired worker again in a new cycle, keeping the kind unless told otherwise', () => {
    expect(given([registered, referred, rehired]).when(loseJob())()).toEqual([
      {
        type: 'JobSeekerReregistered',
        data: { seekerId: 's-1', cycle: 2, kind: 'laid_off_worker', lostJobOn: '2026-06-10', jobLossReason: 'business_closed', registeredOn: '2026-06-12' },
      },
    ]);
    const [again] = given([registered, referred, rehired]).when(loseJob({ kind: 'other_unemployed' }))();
    expect(again.data).toMatchObject({ kind: 'other_unemployed' });
  });

  it('after registering again the worker can be rehired, and the new job counts in the new cycle', () => {
    const [again] = given([registered, referred, rehired]).when(loseJob())();
    const [second] = given([registered, referred, rehired, again]).when(rehire({ startedOn: '2026-06-14', channel: 'self_employment', referralId: null }))();
    expect(second).toMatchObject({ type: 'WorkerRehired', data: { cycle: 2, channel: 'self_employment' } });
  });

  it('refuses a job loss for a seeker still looking for work, or dated before the job started', () => {
    expect(domainError(given([registered]).when(loseJob())).code).toBe('EMPLOYMENT.SEEKER_NOT_REHIRED');
    expect(domainError(given([registered, referred, rehired]).when(loseJob({ lostJobOn: '2026-05-31' }))).problems[0].field).toBe('lostJobOn');
    expect(domainError(given([registered, referred, rehired]).when(loseJob({ registeredOn: '2026-06-09' }))).problems[0].field).toBe('registeredOn');
  });
});
