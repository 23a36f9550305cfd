import { catchDomainError as domainError } from '../../shared-kernel/src/testing/catch-domain-error.js';
import { enterpriseDecider, type EnterpriseCommand, type EnterpriseEvent, type EnterpriseRegistered } from './enterprise.decider.js';

const registered: EnterpriseRegistered = {
  type: 'EnterpriseRegistered',
  data: {
    enterpriseId: 'e-1',
    name: '临汾市某机械有限公司',
    creditCode: '91350100M000100Y43',
    ownership: 'non_public',
    industry: 'manufacturing',
    unitId: '7c0a8f8e-0000-4000-8000-000000000001',
    employeeCount: 120,
    womenEmployeeCount: 40,
    registeredOn: '2026-03-01',
  },
};

const given = (events: EnterpriseEvent[]) => ({
  when: (command: EnterpriseCommand) => {
    const state = events.reduce(enterpriseDecider.evolve, enterpriseDecider.initialState());
    return () => enterpriseDecider.decide(command, state);
  },
});

const register = (overrides: Partial<EnterpriseRegistered['data']> = {}): EnterpriseCommand => {
  const { registeredOn: _registeredOn, ...data } = registered.data;
  return { type: 'RegisterEnterprise', data: { ...data, ...overrides, today: '2026-03-01' } };
};

const survey = (overrides: Partial<{ surveyedOn: string; targetDate: string }> = {}): EnterpriseCommand => ({
  type: 'RecordUnionizationSurvey',
  data: { enterpriseId: 'e-1', reason: '企业负责人认识不足', targetDate: '2026-09-30', surveyedOn: '2026-04-10', today: '2026-05-01', ...overrides },
});


describe('enterprise decider', () => {
  it('registers a new enterprise dated today', () => {
    expect(given([]).when(register())()).toEqual([registered]);
  });

  it('refuses a second registration of the same enterprise', () => {
    expect(domainError(given([registered]).when(register())).code).toBe('ORGANIZING.ENTERPRISE_EXISTS');
  });

  it('refuses a credit code with a wrong check character, naming the field', () => {
    const error = domainError(given([]).when(register({ creditCode: '91350100M000100Y44' })));
    expect(error.category).toBe('invalid');
    expect(error.problems).toEqual([{ field: 'creditCode', reason: 'check character is "4" but must be "3"' }]);
  });

  it('refuses more women employees than employees', () => {
    const error = domainError(given([]).when(register({ womenEmployeeCount: 121 })));
    expect(error.problems[0].field).toBe('womenEmployeeCount');
  });

  it('records why an enterprise has no union and when one is due', () => {
    expect(given([registered]).when(survey())()).toEqual([
      {
        type: 'UnionizationSurveyRecorded',
        data: { enterpriseId: 'e-1', reason: '企业负责人认识不足', targetDate: '2026-09-30', surveyedOn: '2026-04-10' },
      },
    ]);
  });

  it('refuses a survey of an unknown enterprise, of a unionized one, or with a target before the survey', () => {
    expect(domainError(given([]).when(survey())).category).toBe('not_found');
    const unionized: EnterpriseEvent = {
      type: 'EnterpriseUnionized',
      data: { enterpriseId: 'e-1', unionId: 'u-1', unionKind: 'independent', since: '2026-04-01' },
    };
    expect(domainError(given([registered, unionized]).when(survey())).code).toBe('ORGANIZING.ENTERPRISE_ALREADY_UNIONIZED');
    expect(domainError(given([registered]).when(survey({ targetDate: '2026-04-01' }))).problems[0].field).toBe('targetDate');
    expect(domainError(given([registered]).when(survey({ surveyedOn: '2026-06-01', targetDate: '2026-07-01' }))).code).toBe(
      'ORGANIZING.SURVEY_IN_FUTURE',
    );
  });
});
