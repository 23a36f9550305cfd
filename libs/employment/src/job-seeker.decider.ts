import { assertNever, DomainError, type Decider, type DomainEvent } from '#shared-kernel';
import type {
  CourseType,
  DropOutReason,
  Gender,
  JobLossReason,
  ReferralOutcome,
  RehireChannel,
  SeekerKind,
} from './employment.vocabulary.js';

/**
 * Personal fields as they travel in event data: sealed with the person's own key by the personal-data vault.
 * Only the pseudonymous person id is readable; erasing the person makes `sealed` unreadable everywhere.
 */
export interface SealedPersonal {
  readonly personId: string;
  readonly sealed: string;
}

/** What is sealed about a job seeker: everything that names them or is free text about them. */
export interface SeekerPersonalFields {
  name: string;
  phone: string;
  residentId: string | null;
  skills: string[];
  wantedWork: string;
  notes: string | null;
}

export type JobSeekerRegistered = DomainEvent<
  'JobSeekerRegistered',
  {
    seekerId: string;
    personal: SealedPersonal;
    kind: SeekerKind;
    gender: Gender;
    /** The federation unit (township, street, community) whose caseworkers look after the seeker. */
    unitId: string;
    registeredOn: string;
  }
>;
/** A rehired worker lost the job and is registered again: a new cycle on the same seeker. */
export type JobSeekerReregistered = DomainEvent<
  'JobSeekerReregistered',
  { seekerId: string; cycle: number; kind: SeekerKind; lostJobOn: string; jobLossReason: JobLossReason; registeredOn: string }
>;
export type TrainingEnrolled = DomainEvent<
  'TrainingEnrolled',
  {
    seekerId: string;
    trainingId: string;
    cycle: number;
    courseType: CourseType;
    courseName: string;
    provider: string;
    startsOn: string;
    endsOn: string;
  }
>;
export type TrainingCompleted = DomainEvent<'TrainingCompleted', { seekerId: string; trainingId: string; completedOn: string; certified: boolean }>;
export type TrainingDroppedOut = DomainEvent<'TrainingDroppedOut', { seekerId: string; trainingId: string; droppedOn: string; reason: DropOutReason }>;
export type SeekerReferred = DomainEvent<
  'SeekerReferred',
  {
    seekerId: string;
    referralId: string;
    cycle: number;
    employer: string;
    position: string;
    /** Set when the referral is to a position offered at a job fair. */
    fairId: string | null;
    positionId: string | null;
    referredOn: string;
  }
>;
export type ReferralOutcomeRecorded = DomainEvent<
  'ReferralOutcomeRecorded',
  { seekerId: string; referralId: string; outcome: ReferralOutcome; recordedOn: string }
>;
export type WorkerRehired = DomainEvent<
  'WorkerRehired',
  {
    seekerId: string;
    cycle: number;
    employer: string;
    position: string;
    startedOn: string;
    channel: RehireChannel;
    /** The referral that led to the job, which it closes as hired. */
    referralId: string | null;
    fairId: string | null;
  }
>;

export type JobSeekerEvent =
  | JobSeekerRegistered
  | JobSeekerReregistered
  | TrainingEnrolled
  | TrainingCompleted
  | TrainingDroppedOut
  | SeekerReferred
  | ReferralOutcomeRecorded
  | WorkerRehired;

export interface TrainingFacts {
  readonly status: 'enrolled' | 'completed' | 'dropped_out';
  readonly startsOn: string;
}
export interface ReferralFacts {
  readonly status: 'open' | 'closed';
  readonly referredOn: string;
}

interface OnRegister {
  readonly seekerId: string;
  readonly unitId: string;
  readonly personId: string;
  readonly kind: SeekerKind;
  readonly cycle: number;
  /** The current cycle's registration date. */
  readonly registeredOn: string;
  readonly trainings: Readonly<Record<string, TrainingFacts>>;
  readonly referrals: Readonly<Record<string, ReferralFacts>>;
}
export type JobSeekerState =
  | { status: 'unregistered' }
  | ({ status: 'seeking' } & OnRegister)
  | ({ status: 'rehired'; startedOn: string } & OnRegister);

export interface RegisterJobSeeker {
  type: 'RegisterJobSeeker';
  data: JobSeekerRegistered['data'] & { today: string };
}
export interface ReregisterAfterJobLoss {
  type: 'ReregisterAfterJobLoss';
  data: { seekerId: string; kind: SeekerKind | null; lostJobOn: string; jobLossReason: JobLossReason; registeredOn: string; today: string };
}
export interface EnrolInTraining {
  type: 'EnrolInTraining';
  data: Omit<TrainingEnrolled['data'], 'cycle'> & { today: string };
}
export interface CompleteTraining {
  type: 'CompleteTraining';
  data: TrainingCompleted['data'] & { today: string };
}
export interface DropOutOfTraining {
  type: 'DropOutOfTraining';
  data: TrainingDroppedOut['data'] & { today: string };
}
export interface ReferSeeker {
  type: 'ReferSeeker';
  data: Omit<SeekerReferred['data'], 'cycle'> & { today: string };
}
export interface RecordReferralOutcome {
  type: 'RecordReferralOutcome';
  data: ReferralOutcomeRecorded['data'] & { today: string };
}
export interface RecordRehiring {
  type: 'RecordRehiring';
  data: Omit<WorkerRehired['data'], 'cycle'> & { today: string };
}
export type JobSeekerCommand =
  | RegisterJobSeeker
  | ReregisterAfterJobLoss
  | EnrolInTraining
  | CompleteTraining
  | DropOutOfTraining
  | ReferSeeker
  | RecordReferralOutcome
  | RecordRehiring;

export const jobSeekerDecider: Decider<JobSeekerState, JobSeekerCommand, JobSeekerEvent> = {
  initialState: () => ({ status: 'unregistered' }),
  decide(command, state) {
    switch (command.type) {
      case 'RegisterJobSeeker':
        return [register(command, state)];
      case 'ReregisterAfterJobLoss':
        return [reregister(command, state)];
      case 'EnrolInTraining':
        return [enrol(command, state)];
      case 'CompleteTraining':
        return [complete(command, state)];
      case 'DropOutOfTraining':
        return [dropOut(command, state)];
      case 'ReferSeeker':
        return [refer(command, state)];
      case 'RecordReferralOutcome':
        return [recordOutcome(command, state)];
      case 'RecordRehiring':
        return [rehire(command, state)];
      default:
        return assertNever(command, 'job seeker command');
    }
  },
  evolve(state, event) {
    if (event.type === 'JobSeekerRegistered') {
      const { seekerId, unitId, kind, registeredOn, personal } = event.data;
      return { status: 'seeking', seekerId, unitId, personId: personal.personId, kind, cycle: 1, registeredOn, trainings: {}, referrals: {} };
    }
    if (state.status === 'unregistered') return state;
    switch (event.type) {
      case 'JobSeekerReregistered': {
        const { seekerId, unitId, personId, trainings } = state;
        const { cycle, kind, registeredOn } = event.data;
        return { status: 'seeking', seekerId, unitId, personId, kind, cycle, registeredOn, trainings, referrals: {} };
      }
      case 'TrainingEnrolled':
        return { ...state, trainings: { ...state.trainings, [event.data.trainingId]: { status: 'enrolled', startsOn: event.data.startsOn } } };
      case 'TrainingCompleted':
        return withTraining(state, event.data.trainingId, 'completed');
      case 'TrainingDroppedOut':
        return withTraining(state, event.data.trainingId, 'dropped_out');
      case 'SeekerReferred':
        return { ...state, referrals: { ...state.referrals, [event.data.referralId]: { status: 'open', referredOn: event.data.referredOn } } };
      case 'ReferralOutcomeRecorded':
        return withReferralClosed(state, event.data.referralId);
      case 'WorkerRehired': {
        // Taking a job settles every referral of the cycle: the one that led to it, and the others with it.
        const referrals = Object.fromEntries(Object.entries(state.referrals).map(([id, referral]) => [id, { ...referral, status: 'closed' as const }]));
        return { ...state, status: 'rehired', startedOn: event.data.startedOn, referrals };
      }
      default:
        return assertNever(event, 'job seeker event');
    }
  },
};

function withTraining<S extends Exclude<JobSeekerState, { status: 'unregistered' }>>(state: S, trainingId: string, status: TrainingFacts['status']): S {
  const training = state.trainings[trainingId];
  return training ? { ...state, trainings: { ...state.trainings, [trainingId]: { ...training, status } } } : state;
}

function withReferralClosed<S extends Exclude<JobSeekerState, { status: 'unregistered' }>>(state: S, referralId: string): S {
  const referral = state.referrals[referralId];
  return referral ? { ...state, referrals: { ...state.referrals, [referralId]: { ...referral, status: 'closed' } } } : state;
}

function register({ data }: RegisterJobSeeker, state: JobSeekerState): JobSeekerRegistered {
  if (state.status !== 'unregistered') {
    throw new DomainError('EMPLOYMENT.SEEKER_EXISTS', 'conflict', `Job seeker ${data.seekerId} is already registered`);
  }
  notAfterToday('registeredOn', data.registeredOn, data.today);
  const { today: _today, ...registered } = data;
  return { type: 'JobSeekerRegistered', data: registered };
}

function reregister({ data }: ReregisterAfterJobLoss, state: JobSeekerState): JobSeekerReregistered {
  const current = requireRegistered(state, data.seekerId);
  if (current.status !== 'rehired') {
    throw new DomainError(
      'EMPLOYMENT.SEEKER_NOT_REHIRED',
      'conflict',
      'Only a rehired worker can be registered again after losing the job; this seeker is still looking for work',
      [],
      { seekerId: data.seekerId, seekerStatus: current.status },
    );
  }
  notAfterToday('lostJobOn', data.lostJobOn, data.today);
  notAfterToday('registeredOn', data.registeredOn, data.today);
  notBefore('lostJobOn', data.lostJobOn, 'the start of the job', current.startedOn);
  notBefore('registeredOn', data.registeredOn, 'lostJobOn', data.lostJobOn);
  return {
    type: 'JobSeekerReregistered',
    data: {
      seekerId: data.seekerId,
      cycle: current.cycle + 1,
      kind: data.kind ?? current.kind,
      lostJobOn: data.lostJobOn,
      jobLossReason: data.jobLossReason,
      registeredOn: data.registeredOn,
    },
  };
}

function enrol({ data }: EnrolInTraining, state: JobSeekerState): TrainingEnrolled {
  const seeking = requireSeeking(state, data.seekerId, 'enrolled in training');
  if (seeking.trainings[data.trainingId]) {
    throw new DomainError('EMPLOYMENT.TRAINING_EXISTS', 'conflict', `Training ${data.trainingId} is already recorded`);
  }
  notBefore('endsOn', data.endsOn, 'startsOn', data.startsOn);
  const { today: _today, ...enrolled } = data;
  return { type: 'TrainingEnrolled', data: { ...enrolled, cycle: seeking.cycle } };
}

function complete({ data }: CompleteTraining, state: JobSeekerState): TrainingCompleted {
  const training = requireOpenTraining(state, data.seekerId, data.trainingId);
  notAfterToday('completedOn', data.completedOn, data.today);
  notBefore('completedOn', data.completedOn, 'the start of the course', training.startsOn);
  const { today: _today, ...completed } = data;
  return { type: 'TrainingCompleted', data: completed };
}

function dropOut({ data }: DropOutOfTraining, state: JobSeekerState): TrainingDroppedOut {
  const training = requireOpenTraining(state, data.seekerId, data.trainingId);
  notAfterToday('droppedOn', data.droppedOn, data.today);
  notBefore('droppedOn', data.droppedOn, 'the start of the course', training.startsOn);
  const { today: _today, ...dropped } = data;
  return { type: 'TrainingDroppedOut', data: dropped };
}

function refer({ data }: ReferSeeker, state: JobSeekerState): SeekerReferred {
  const seeking = requireSeeking(state, data.seekerId, 'referred');
  if (seeking.referrals[data.referralId]) {
    throw new DomainError('EMPLOYMENT.REFERRAL_EXISTS', 'conflict', `Referral ${data.referralId} is already recorded`);
  }
  notAfterToday('referredOn', data.referredOn, data.today);
  notBefore('referredOn', data.referredOn, 'the registration', seeking.registeredOn);
  const { today: _today, ...referred } = data;
  return { type: 'SeekerReferred', data: { ...referred, cycle: seeking.cycle } };
}

function recordOutcome({ data }: RecordReferralOutcome, state: JobSeekerState): ReferralOutcomeRecorded {
  const current = requireRegistered(state, data.seekerId);
  const referral = current.referrals[data.referralId];
  if (!referral) throw new DomainError('EMPLOYMENT.REFERRAL_NOT_FOUND', 'not_found', `No referral ${data.referralId} in the current registration`);
  if (referral.status !== 'open') {
    throw new DomainError('EMPLOYMENT.REFERRAL_CLOSED', 'conflict', 'The referral already has an outcome', [], { referralId: data.referralId });
  }
  notAfterToday('recordedOn', data.recordedOn, data.today);
  notBefore('recordedOn', data.recordedOn, 'the referral', referral.referredOn);
  const { today: _today, ...recorded } = data;
  return { type: 'ReferralOutcomeRecorded', data: recorded };
}

function rehire({ data }: RecordRehiring, state: JobSeekerState): WorkerRehired {
  const current = requireRegistered(state, data.seekerId);
  if (current.status === 'rehired') {
    throw new DomainError(
      'EMPLOYMENT.ALREADY_REHIRED',
      'conflict',
      'The worker is already rehired; record the job loss first if they are looking for work again',
      [],
      { seekerId: data.seekerId, startedOn: current.startedOn },
    );
  }
  notAfterToday('startedOn', data.startedOn, data.today);
  notBefore('startedOn', data.startedOn, 'the registration', current.registeredOn);
  if (data.referralId !== null) {
    if (data.channel !== 'referral' && data.channel !== 'job_fair') {
      throw unprocessable('EMPLOYMENT.REFERRAL_NOT_FOR_CHANNEL', 'referralId', 'only a job found through a referral or at a job fair names a referral');
    }
    const referral = current.referrals[data.referralId];
    if (!referral || referral.status !== 'open') {
      throw unprocessable('EMPLOYMENT.REFERRAL_NOT_OPEN', 'referralId', 'is not an open referral of this seeker');
    }
  }
  if (data.fairId !== null && data.channel !== 'job_fair') {
    throw unprocessable('EMPLOYMENT.FAIR_NOT_FOR_CHANNEL', 'fairId', 'only a job found at a job fair names a fair');
  }
  const { today: _today, ...rehired } = data;
  return { type: 'WorkerRehired', data: { ...rehired, cycle: current.cycle } };
}

type Registered = Exclude<JobSeekerState, { status: 'unregistered' }>;

function requireRegistered(state: JobSeekerState, seekerId: string): Registered {
  if (state.status === 'unregistered') throw new DomainError('EMPLOYMENT.SEEKER_NOT_FOUND', 'not_found', `No job seeker ${seekerId}`);
  return state;
}

function requireSeeking(state: JobSeekerState, seekerId: string, what: string): Extract<JobSeekerState, { status: 'seeking' }> {
  const current = requireRegistered(state, seekerId);
  if (current.status === 'rehired') {
    throw new DomainError('EMPLOYMENT.ALREADY_REHIRED', 'conflict', `A rehired worker is not ${what}; record the job loss first`, [], {
      seekerId,
      startedOn: current.startedOn,
    });
  }
  return current;
}

function requireOpenTraining(state: JobSeekerState, seekerId: string, trainingId: string): TrainingFacts {
  const training = requireRegistered(state, seekerId).trainings[trainingId];
  if (!training) throw new DomainError('EMPLOYMENT.TRAINING_NOT_FOUND', 'not_found', `No training ${trainingId} for this seeker`);
  if (training.status !== 'enrolled') {
    throw new DomainError('EMPLOYMENT.TRAINING_FINISHED', 'conflict', 'The training already has its outcome', [], { trainingId, trainingStatus: training.status });
  }
  return training;
}

function notAfterToday(field: string, date: string, today: string): void {
  if (date > today) throw new DomainError('EMPLOYMENT.DATE_IN_FUTURE', 'invalid', `${field} is in the future`, [{ field, reason: `must not be after today (${today})` }]);
}

function notBefore(field: string, date: string, what: string, earliest: string): void {
  if (date < earliest) {
    throw new DomainError('EMPLOYMENT.DATE_TOO_EARLY', 'invalid', `${field} is before ${what}`, [{ field, reason: `must not be before ${what} (${earliest})` }]);
  }
}

function unprocessable(code: string, field: string, reason: string): DomainError {
  return new DomainError(code, 'unprocessable', `${field}: ${reason}`, [{ field, reason }]);
}
