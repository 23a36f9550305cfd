import { catchDomainError as domainError } from '../../shared-kernel/src/testing/catch-domain-error.js';
import {
  checkRenewable,
  isOpenOn,
  talksStatusOn,
  wageTalksDecider,
  type ExistingTalks,
  type WageTalksCommand,
  type WageTalksEvent,
  type WageTalksOpened,
  type WageTalksState,
} from './wage-talks.decider.js';

const T = 't-1';
const opened: WageTalksOpened = {
  type: 'WageTalksOpened',
  data: {
    talksId: T,
    scope: 'enterprise',
    coveredEnterpriseIds: ['e-1'],
    initiatingUnionId: 'u-1',
    offerDate: '2026-04-01',
    topics: ['wage_growth', 'minimum_wage'],
    unitId: 'unit-1',
    renewsTalksId: null,
  },
};
const accepted: WageTalksEvent = { type: 'EmployerResponded', data: { talksId: T, decision: 'accepted', respondedOn: '2026-04-10', note: '' } };
const refused: WageTalksEvent = { type: 'EmployerResponded', data: { talksId: T, decision: 'refused', respondedOn: '2026-04-10', note: '经营困难' } };
const rectified: WageTalksEvent = {
  type: 'RectificationOpinionIssued',
  data: { talksId: T, issuedOn: '2026-04-15', issuedBy: '尧都区总工会', opinion: '限期应约', respondBy: '2026-04-25' },
};
const round: WageTalksEvent = { type: 'NegotiationRoundHeld', data: { talksId: T, round: 1, heldOn: '2026-04-20', summary: '第一轮' } };
const signed: WageTalksEvent = {
  type: 'AgreementSigned',
  data: { talksId: T, signedOn: '2026-04-25', termYears: 2, wageGrowthBasisPoints: 500, minimumMonthlyWageFen: 210000, otherTerms: '' },
};
const adopted: WageTalksEvent = { type: 'AgreementAdopted', data: { talksId: T, adoptedOn: '2026-04-28', delegatesPresent: 40, votesFor: 38 } };
const filed: WageTalksEvent = { type: 'AgreementFiled', data: { talksId: T, filedOn: '2026-05-01', bureau: '区人社局' } };
const approved: WageTalksEvent = { type: 'AgreementApproved', data: { talksId: T, approvedOn: '2026-05-10' } };

const fold = (events: WageTalksEvent[]): WageTalksState => events.reduce(wageTalksDecider.evolve, wageTalksDecider.initialState());
const existing = (events: WageTalksEvent[]) => fold(events) as ExistingTalks;

/** given events / when a step (dated and decided on `today`) / then events or a refusal. */
const given = (events: WageTalksEvent[]) => ({
  when: <C extends WageTalksCommand>(type: C['type'], data: Omit<C['data'], 'talksId' | 'today'>, today = '2026-05-20') => () =>
    wageTalksDecider.decide({ type, data: { ...data, talksId: T, today } } as WageTalksCommand, fold(events)),
});

describe('wage talks decider: the four-link chain', () => {
  it('records the employer accepting an open offer', () => {
    expect(given([opened]).when('RecordEmployerResponse', { decision: 'accepted', respondedOn: '2026-04-10', note: '' })()).toEqual([accepted]);
  });

  it('accepts a late answer to an overdue offer too', () => {
    expect(given([opened]).when('RecordEmployerResponse', { decision: 'accepted', respondedOn: '2026-05-01', note: '' })()[0].type).toBe(
      'EmployerResponded',
    );
  });

  it('issues a rectification opinion after a refusal, or after the 20 days pass unanswered, but not while the offer is fresh', () => {
    const opinion = { issuedOn: '2026-04-15', issuedBy: '尧都区总工会', opinion: '限期应约', respondBy: '2026-04-25' };
    expect(given([opened, refused]).when('IssueRectificationOpinion', opinion)()).toEqual([rectified]);
    const lateOpinion = { ...opinion, issuedOn: '2026-04-22', respondBy: null };
    expect(given([opened]).when('IssueRectificationOpinion', lateOpinion, '2026-04-22')()[0].type).toBe('RectificationOpinionIssued');
    const early = domainError(given([opened]).when('IssueRectificationOpinion', { ...opinion, issuedOn: '2026-04-15' }, '2026-04-21'));
    expect(early).toMatchObject({ code: 'BARGAINING.STEP_OUT_OF_ORDER', category: 'conflict', details: { talksStatus: 'offered' } });
  });

  it('lets talks proceed when the employer accepts after rectification', () => {
    const events = given([opened, refused, rectified]).when('RecordEmployerResponse', { decision: 'accepted', respondedOn: '2026-04-24', note: '' })();
    expect(events[0]).toMatchObject({ type: 'EmployerResponded', data: { decision: 'accepted' } });
    expect(fold([opened, refused, rectified, ...events]).status).toBe('accepted');
  });

  it('refuses a round before the employer accepted, and numbers rounds after it did', () => {
    expect(domainError(given([opened, refused]).when('RecordNegotiationRound', { heldOn: '2026-04-20', summary: 'x' })).code).toBe(
      'BARGAINING.STEP_OUT_OF_ORDER',
    );
    expect(given([opened, accepted]).when('RecordNegotiationRound', { heldOn: '2026-04-20', summary: '第一轮' })()).toEqual([round]);
    const second = given([opened, accepted, round]).when('RecordNegotiationRound', { heldOn: '2026-04-21', summary: '第二轮' })();
    expect(second[0].data).toMatchObject({ round: 2 });
  });

  it('signs an agreement only after a round, with a term of 1 to 3 years', () => {
    const terms = { signedOn: '2026-04-25', termYears: 2, wageGrowthBasisPoints: 500, minimumMonthlyWageFen: 210000, otherTerms: '' };
    expect(domainError(given([opened, accepted]).when('SignAgreement', terms)).code).toBe('BARGAINING.STEP_OUT_OF_ORDER');
    expect(given([opened, accepted, round]).when('SignAgreement', terms)()).toEqual([signed]);
    for (const termYears of [0, 4, 1.5]) {
      const error = domainError(given([opened, accepted, round]).when('SignAgreement', { ...terms, termYears }));
      expect(error).toMatchObject({ code: 'BARGAINING.TERM_INVALID', category: 'invalid', problems: [{ field: 'termYears' }] });
    }
  });

  it("has the workers' congress adopt a signed agreement by more than half of the delegates present", () => {
    const chain = [opened, accepted, round, signed];
    expect(given(chain).when('RecordAdoption', { adoptedOn: '2026-04-28', delegatesPresent: 40, votesFor: 38 })()).toEqual([adopted]);
    expect(domainError(given(chain).when('RecordAdoption', { adoptedOn: '2026-04-28', delegatesPresent: 40, votesFor: 20 })).code).toBe(
      'BARGAINING.NOT_ADOPTED',
    );
    expect(domainError(given(chain).when('RecordAdoption', { adoptedOn: '2026-04-28', delegatesPresent: 40, votesFor: 41 })).problems).toEqual([
      { field: 'votesFor', reason: 'must not exceed delegatesPresent (40)' },
    ]);
    expect(domainError(given([opened, accepted, round]).when('RecordAdoption', { adoptedOn: '2026-04-28', delegatesPresent: 4, votesFor: 4 })).code).toBe(
      'BARGAINING.STEP_OUT_OF_ORDER',
    );
  });

  it('files only an adopted agreement', () => {
    expect(domainError(given([opened, accepted, round, signed]).when('FileAgreement', { filedOn: '2026-05-01', bureau: '区人社局' })).code).toBe(
      'BARGAINING.STEP_OUT_OF_ORDER',
    );
    expect(given([opened, accepted, round, signed, adopted]).when('FileAgreement', { filedOn: '2026-05-01', bureau: '区人社局' })()).toEqual([filed]);
  });

  it('refuses step dates in the future, before the previous step, or not real', () => {
    const future = domainError(given([opened]).when('RecordEmployerResponse', { decision: 'accepted', respondedOn: '2026-05-21', note: '' }));
    expect(future).toMatchObject({ code: 'BARGAINING.DATE_IN_FUTURE', category: 'invalid', problems: [{ field: 'respondedOn' }] });
    const backwards = domainError(given([opened]).when('RecordEmployerResponse', { decision: 'accepted', respondedOn: '2026-03-31', note: '' }));
    expect(backwards).toMatchObject({ code: 'BARGAINING.DATE_BEFORE_PREVIOUS_STEP', category: 'unprocessable' });
    expect(domainError(given([opened]).when('RecordEmployerResponse', { decision: 'accepted', respondedOn: '2026-02-30', note: '' })).code).toBe(
      'BARGAINING.DATE_INVALID',
    );
  });

  it('reports unknown talks as not found', () => {
    expect(domainError(given([]).when('RecordNegotiationRound', { heldOn: '2026-04-20', summary: 'x' })).category).toBe('not_found');
  });
});

describe('wage talks decider: the labour bureau and time', () => {
  const chain = [opened, accepted, round, signed, adopted, filed];

  it('is effective from the approval, or from the day after 15 quiet days, and expires after its term', () => {
    expect(talksStatusOn(existing([...chain, approved]), '2026-05-10')).toEqual({ status: 'effective', effectiveOn: '2026-05-10', expiresOn: '2028-05-09' });
    expect(talksStatusOn(existing(chain), '2026-05-16').status).toBe('filed');
    expect(talksStatusOn(existing(chain), '2026-05-17')).toEqual({ status: 'effective', effectiveOn: '2026-05-17', expiresOn: '2028-05-16' });
    expect(talksStatusOn(existing(chain), '2028-05-16').status).toBe('effective');
    expect(talksStatusOn(existing(chain), '2028-05-17').status).toBe('expired');
  });

  it('shows an offer overdue only after its 20 days', () => {
    expect(talksStatusOn(existing([opened]), '2026-04-21').status).toBe('offered');
    expect(talksStatusOn(existing([opened]), '2026-04-22').status).toBe('response_overdue');
  });

  it('takes the bureau\'s approval or objection dated within 15 days of filing, even when entered later', () => {
    expect(given(chain).when('RecordBureauApproval', { approvedOn: '2026-05-10' }, '2026-06-01')()).toEqual([approved]);
    const late = domainError(given(chain).when('RecordBureauApproval', { approvedOn: '2026-05-17' }, '2026-06-01'));
    expect(late).toMatchObject({ code: 'BARGAINING.REVIEW_PERIOD_OVER', problems: [{ field: 'approvedOn' }] });
    expect(domainError(given([...chain, approved]).when('RecordBureauApproval', { approvedOn: '2026-05-11' })).code).toBe('BARGAINING.STEP_OUT_OF_ORDER');
  });

  it('sends an objected agreement back to negotiation, where a new one is signed', () => {
    const objected = given(chain).when('RecordBureauObjection', { objectedOn: '2026-05-12', reason: '最低工资低于标准' })();
    expect(objected).toEqual([{ type: 'AgreementObjected', data: { talksId: T, objectedOn: '2026-05-12', reason: '最低工资低于标准' } }]);
    const after = [...chain, ...objected];
    expect(fold(after).status).toBe('negotiating');
    expect(isOpenOn(fold(after), '2026-07-01')).toBe(true);
    const resigned = given(after).when('SignAgreement', { signedOn: '2026-05-15', termYears: 3, wageGrowthBasisPoints: null, minimumMonthlyWageFen: 230000, otherTerms: '' })();
    expect(resigned[0].type).toBe('AgreementSigned');
  });

  it('withdraws open talks only', () => {
    expect(given([opened, accepted]).when('WithdrawTalks', { withdrawnOn: '2026-05-01', reason: '企业关闭' })()[0].type).toBe('WageTalksWithdrawn');
    expect(domainError(given([...chain, approved]).when('WithdrawTalks', { withdrawnOn: '2026-05-20', reason: 'x' })).code).toBe(
      'BARGAINING.STEP_OUT_OF_ORDER',
    );
    expect(isOpenOn(fold([opened, { type: 'WageTalksWithdrawn', data: { talksId: T, withdrawnOn: '2026-04-02', reason: 'x' } }]), '2026-04-03')).toBe(false);
  });

  it('holds its enterprises while open, and releases them once the agreement is in force', () => {
    expect(isOpenOn(fold(chain), '2026-05-16')).toBe(true);
    expect(isOpenOn(fold(chain), '2026-05-17')).toBe(false);
  });

  it('renews an agreement in force only in the last 3 months of its term, and only once', () => {
    const inForce = fold([...chain, approved]); // effective 2026-05-10, term ends 2028-05-09
    expect(domainError(() => checkRenewable(inForce, '2028-02-09', '2028-02-09')).code).toBe('BARGAINING.RENEWAL_TOO_EARLY');
    expect(checkRenewable(inForce, '2028-02-10', '2028-02-10').talksId).toBe(T);
    expect(domainError(() => checkRenewable(inForce, '2028-05-10', '2028-05-10')).code).toBe('BARGAINING.STEP_OUT_OF_ORDER');
    expect(domainError(() => checkRenewable(fold(chain.slice(0, 3)), '2026-04-22', '2026-04-22')).code).toBe('BARGAINING.STEP_OUT_OF_ORDER');
    const renewed = fold([...chain, approved, { type: 'AgreementRenewalRequested', data: { talksId: T, renewalTalksId: 't-2', requestedOn: '2028-03-01' } }]);
    expect(domainError(() => checkRenewable(renewed, '2028-03-02', '2028-03-02'))).toMatchObject({
      code: 'BARGAINING.ALREADY_RENEWED',
      details: { renewalTalksId: 't-2' },
    });
  });
});
