import { assertNever, creditCodeProblem, DomainError, isCalendarDate, type Decider, type DomainEvent } from '#shared-kernel';
import type { Ownership, UnionKind } from './organizing.vocabulary.js';

export type EnterpriseRegistered = DomainEvent<
  'EnterpriseRegistered',
  {
    enterpriseId: string;
    name: string;
    creditCode: string;
    ownership: Ownership;
    industry: string;
    /** The federation unit (usually a township or street) whose caseworkers look after it. */
    unitId: string;
    employeeCount: number;
    womenEmployeeCount: number;
    registeredOn: string;
  }
>;
/** A survey (摸底排查) of an enterprise without a union: why it has none, and when one is due. */
export type UnionizationSurveyRecorded = DomainEvent<
  'UnionizationSurveyRecorded',
  { enterpriseId: string; reason: string; targetDate: string; surveyedOn: string }
>;
export type EnterpriseUnionized = DomainEvent<
  'EnterpriseUnionized',
  { enterpriseId: string; unionId: string; unionKind: UnionKind; since: string }
>;
export type EnterpriseEvent = EnterpriseRegistered | UnionizationSurveyRecorded | EnterpriseUnionized;

export type EnterpriseState =
  | { status: 'unregistered' }
  | { status: 'not_unionized'; enterpriseId: string; unitId: string; employeeCount: number; registeredOn: string }
  | { status: 'unionized'; enterpriseId: string; unitId: string; employeeCount: number; registeredOn: string; unionId: string };

export interface RegisterEnterprise {
  type: 'RegisterEnterprise';
  data: Omit<EnterpriseRegistered['data'], 'registeredOn'> & { today: string };
}
export interface RecordUnionizationSurvey {
  type: 'RecordUnionizationSurvey';
  data: { enterpriseId: string; reason: string; targetDate: string; surveyedOn: string; today: string };
}
export type EnterpriseCommand = RegisterEnterprise | RecordUnionizationSurvey;

export const enterpriseDecider: Decider<EnterpriseState, EnterpriseCommand, EnterpriseEvent> = {
  initialState: () => ({ status: 'unregistered' }),
  decide(command, state) {
    switch (command.type) {
      case 'RegisterEnterprise':
        return [register(command, state)];
      case 'RecordUnionizationSurvey':
        return [recordSurvey(command, state)];
      default:
        return assertNever(command, 'enterprise command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'EnterpriseRegistered':
        return {
          status: 'not_unionized',
          enterpriseId: event.data.enterpriseId,
          // Registered before units existed (step 1): no unit, so outside every caseworker's scope.
          unitId: event.data.unitId ?? '',
          employeeCount: event.data.employeeCount,
          registeredOn: event.data.registeredOn,
        };
      case 'UnionizationSurveyRecorded':
        return state;
      case 'EnterpriseUnionized':
        return state.status === 'unregistered' ? state : { ...state, status: 'unionized', unionId: event.data.unionId };
      default:
        return assertNever(event, 'enterprise event');
    }
  },
};

function register({ data }: RegisterEnterprise, state: EnterpriseState): EnterpriseRegistered {
  if (state.status !== 'unregistered') {
    throw new DomainError('ORGANIZING.ENTERPRISE_EXISTS', 'conflict', `Enterprise ${data.enterpriseId} is already registered`);
  }
  const codeProblem = creditCodeProblem(data.creditCode);
  if (codeProblem) {
    throw new DomainError('ORGANIZING.CREDIT_CODE_INVALID', 'invalid', 'The unified social credit code is not valid', [
      { field: 'creditCode', reason: codeProblem },
    ]);
  }
  if (data.womenEmployeeCount > data.employeeCount) {
    throw new DomainError('ORGANIZING.WOMEN_EXCEED_EMPLOYEES', 'invalid', 'More women employees than employees', [
      { field: 'womenEmployeeCount', reason: `must not exceed employeeCount (${data.employeeCount})` },
    ]);
  }
  const { today, ...registered } = data;
  return { type: 'EnterpriseRegistered', data: { ...registered, registeredOn: today } };
}

function recordSurvey({ data }: RecordUnionizationSurvey, state: EnterpriseState): UnionizationSurveyRecorded {
  if (state.status === 'unregistered') {
    throw new DomainError('ORGANIZING.ENTERPRISE_NOT_FOUND', 'not_found', `No enterprise ${data.enterpriseId}`);
  }
  if (state.status === 'unionized') {
    throw new DomainError(
      'ORGANIZING.ENTERPRISE_ALREADY_UNIONIZED',
      'conflict',
      'A survey of why there is no union is only recorded for an enterprise without one',
      [],
      { unionId: state.unionId },
    );
  }
  for (const field of ['surveyedOn', 'targetDate'] as const) {
    if (!isCalendarDate(data[field])) {
      throw new DomainError('ORGANIZING.DATE_INVALID', 'invalid', 'Not a date', [{ field, reason: 'must be a real date, YYYY-MM-DD' }]);
    }
  }
  if (data.surveyedOn > data.today) {
    throw new DomainError('ORGANIZING.SURVEY_IN_FUTURE', 'invalid', 'A survey cannot be dated in the future', [
      { field: 'surveyedOn', reason: `must not be after today (${data.today})` },
    ]);
  }
  if (data.targetDate < data.surveyedOn) {
    throw new DomainError('ORGANIZING.TARGET_BEFORE_SURVEY', 'invalid', 'The target date is before the survey', [
      { field: 'targetDate', reason: `must not be before surveyedOn (${data.surveyedOn})` },
    ]);
  }
  const { today: _today, ...survey } = data;
  return { type: 'UnionizationSurveyRecorded', data: survey };
}
