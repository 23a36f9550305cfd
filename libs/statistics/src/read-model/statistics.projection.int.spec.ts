import { randomUUID } from 'node:crypto';
import { useProjectionTestBed } from '../../../../test/support/projection-test-bed.js';
import { StatisticsProjection } from './statistics.projection.js';

const bed = useProjectionTestBed();
const project = () => bed.project([new StatisticsProjection()], { maxBatchSize: 4 });
const append = bed.append;

interface Row {
  metric: string;
  unit_id: string;
  occurred_on: string;
  valid_until: string | null;
  quantity: string;
  subject_kind: string;
  subject_id: string;
  distinct_key: string | null;
  dimensions: Record<string, string>;
  event_type: string;
}

async function facts(): Promise<Row[]> {
  return bed.dataSource.query(
    `SELECT metric, unit_id, occurred_on::text, valid_until::text, quantity::text, subject_kind, subject_id, distinct_key, dimensions, event_type
       FROM read_model.statistic_facts ORDER BY position, seq`,
  );
}

describe('statistics projection', () => {
  const [district, township] = [randomUUID(), randomUUID()];
  const [privateFirm, stateFirm, union, talks, objected, grant, seeker, fair] = Array.from({ length: 8 }, () => randomUUID());

  it('records one fact per countable thing, with the unit, business date and pseudonymous keys the events give', async () => {
    await append(`enterprise-${privateFirm}`, 'EnterpriseRegistered', {
      enterpriseId: privateFirm, name: '晋能科技', creditCode: 'x', ownership: 'non_public', industry: 'C', unitId: township, employeeCount: 30, womenEmployeeCount: 10, registeredOn: '2025-05-01',
    });
    await append(`enterprise-${stateFirm}`, 'EnterpriseRegistered', {
      enterpriseId: stateFirm, name: '国营厂', creditCode: 'y', ownership: 'state_owned', industry: 'C', unitId: district, employeeCount: 300, womenEmployeeCount: 100, registeredOn: '2025-05-02',
    });
    await append(`union-${union}`, 'UnionFounded', {
      unionId: union, name: '联合工会', kind: 'joint', unitId: township, coveredEnterpriseIds: [privateFirm, stateFirm], foundedOn: '2026-02-03',
      chairName: '王', initialMemberCount: 57, womenCommitteeFounded: true, auditCommitteeFounded: true,
    });
    await append(`enterprise-${privateFirm}`, 'EnterpriseUnionized', { enterpriseId: privateFirm, unionId: union, unionKind: 'joint', since: '2026-02-03' });
    await append(`wage_talks-${talks}`, 'WageTalksOpened', {
      talksId: talks, scope: 'regional', coveredEnterpriseIds: [privateFirm, stateFirm], initiatingUnionId: union, offerDate: '2026-03-01', topics: ['wage_growth'], unitId: district, renewsTalksId: null,
    });
    await append(`wage_talks-${talks}`, 'AgreementSigned', { talksId: talks, signedOn: '2026-04-01', termYears: 2, wageGrowthBasisPoints: 500, minimumMonthlyWageFen: null, otherTerms: '' });
    await append(`wage_talks-${talks}`, 'AgreementFiled', { talksId: talks, filedOn: '2026-04-10', bureau: '人社局' });
    await append(`wage_talks-${talks}`, 'AgreementApproved', { talksId: talks, approvedOn: '2026-04-20' });
    await append(`wage_talks-${objected}`, 'WageTalksOpened', {
      talksId: objected, scope: 'enterprise', coveredEnterpriseIds: [privateFirm], initiatingUnionId: union, offerDate: '2026-03-02', topics: ['wage_growth'], unitId: township, renewsTalksId: null,
    });
    await append(`wage_talks-${objected}`, 'AgreementSigned', { talksId: objected, signedOn: '2026-04-02', termYears: 1, wageGrowthBasisPoints: null, minimumMonthlyWageFen: null, otherTerms: '' });
    await append(`wage_talks-${objected}`, 'AgreementFiled', { talksId: objected, filedOn: '2026-04-03', bureau: '人社局' });
    await append(`wage_talks-${objected}`, 'AgreementObjected', { talksId: objected, objectedOn: '2026-04-05', reason: '条款违法' });
    await append(`aid_grant-${grant}`, 'AidProposed', {
      grantId: grant, programmeId: randomUUID(), programmeKind: 'winter_warmth', fundId: randomUUID(), unitId: township, recipient: { kind: 'worker' }, householdKey: 'person-1', amountFen: 80_000, proposedOn: '2026-01-05',
    });
    await append(`aid_grant-${grant}`, 'AidDisbursed', { grantId: grant, fundId: 'f', amountFen: 80_000, method: 'bank_transfer', receiptReference: 'r', paidOn: '2026-01-08', inKindDescription: null });
    await append(`aid_grant-${grant}`, 'AidDisbursementReversed', { grantId: grant, fundId: 'f', amountFen: 80_000, reason: '退回', reversedOn: '2026-01-20' });
    await append(`job_seeker-${seeker}`, 'JobSeekerRegistered', { seekerId: seeker, personal: {}, kind: 'laid_off_worker', gender: 'female', unitId: township, registeredOn: '2026-02-01' });
    await append(`job_seeker-${seeker}`, 'TrainingCompleted', { seekerId: seeker, trainingId: 'tr', completedOn: '2026-03-01', certified: true });
    await append(`job_seeker-${seeker}`, 'WorkerRehired', { seekerId: seeker, cycle: 1, employer: 'e', position: 'p', startedOn: '2026-04-01', channel: 'job_fair', referralId: null, fairId: fair });
    await append(`job_fair-${fair}`, 'JobFairOrganised', { fairId: fair, name: '春风行动', heldOn: '2026-03-15', place: '广场', unitId: district, organiser: '总工会' });
    await append(`job_fair-${fair}`, 'PositionOffered', { fairId: fair, positionId: 'pos', employer: 'e', position: 'p', count: 12 });
    await project();

    const rows = await facts();
    const summary = rows.map((row) => [row.metric, row.subject_id === privateFirm ? 'private' : row.subject_id === stateFirm ? 'state' : row.subject_kind, row.occurred_on, row.valid_until, row.quantity]);
    expect(summary).toEqual([
      ['enterprise_registered', 'private', '2025-05-01', null, '1'],
      ['enterprise_registered', 'state', '2025-05-02', null, '1'],
      ['unions_founded', 'union', '2026-02-03', null, '1'],
      ['enterprises_covered_by_new_unions', 'union', '2026-02-03', null, '2'],
      ['members_enrolled', 'union', '2026-02-03', null, '57'],
      ['enterprise_unionized', 'private', '2026-02-03', null, '1'],
      ['wage_talks_opened', 'wage_talks', '2026-03-01', null, '1'],
      // Filed on 04-10: in force from 04-26 unless the bureau objects; approved on 04-20 instead.
      ['agreement_coverage', 'private', '2026-04-26', '2028-04-25', '1'],
      ['agreement_coverage', 'state', '2026-04-26', '2028-04-25', '1'],
      ['agreement_coverage', 'private', '2026-04-26', '2028-04-25', '-1'],
      ['agreement_coverage', 'private', '2026-04-20', '2028-04-19', '1'],
      ['agreement_coverage', 'state', '2026-04-26', '2028-04-25', '-1'],
      ['agreement_coverage', 'state', '2026-04-20', '2028-04-19', '1'],
      ['wage_talks_opened', 'wage_talks', '2026-03-02', null, '1'],
      ['agreement_coverage', 'private', '2026-04-19', '2027-04-18', '1'],
      ['agreement_coverage', 'private', '2026-04-19', '2027-04-18', '-1'],
      ['aid_paid', 'aid_grant', '2026-01-08', null, '80000'],
      ['aid_paid', 'aid_grant', '2026-01-20', null, '-80000'],
      ['job_seekers_registered', 'job_seeker', '2026-02-01', null, '1'],
      ['training_completed', 'job_seeker', '2026-03-01', null, '1'],
      ['people_rehired', 'job_seeker', '2026-04-01', null, '1'],
      ['positions_offered', 'job_fair', '2026-03-15', null, '12'],
    ]);
    // Each enterprise counts under its own unit, whichever unit follows the talks.
    expect(rows.filter((row) => row.metric === 'agreement_coverage' && row.subject_id === stateFirm).every((row) => row.unit_id === district)).toBe(true);
    expect(rows.find((row) => row.metric === 'enterprise_registered')?.dimensions).toEqual({ ownership: 'non_public', nonPublic: 'true' });
    expect(rows.find((row) => row.metric === 'aid_paid')).toMatchObject({ unit_id: township, distinct_key: 'person-1', dimensions: { programme: 'winter_warmth' } });
  });

  it('writes the same rows when rebuilt from an empty read model', async () => {
    const before = await facts();
    await bed.dataSource.query(`TRUNCATE read_model.statistic_facts, read_model.statistic_subjects`);
    await bed.dataSource.query(`DELETE FROM read_model.projection_checkpoints WHERE projection = 'statistics'`);
    await project();
    expect(await facts()).toEqual(before);
  });
});
