import { randomBytes, randomUUID } from 'node:crypto';
import { useProjectionTestBed } from '../../../../test/support/projection-test-bed.js';
import { PersonalDataVault } from '#personal-data';
import { EmploymentProjection } from './employment.projection.js';
import { projectionSqlOf, useProjectionSchemas } from '#projections';

const bed = useProjectionTestBed();
let vault: PersonalDataVault;

beforeAll(() => {
  vault = new PersonalDataVault(bed.dataSource, randomBytes(32));
});

const project = () => bed.project([new EmploymentProjection(vault)], { maxBatchSize: 4 });
const append = bed.append;

const TABLES = ['seekers', 'registrations', 'trainings', 'referrals', 'rehirings', 'job_fairs', 'fair_positions'].map((t) => `read_model.employment_${t}`);

async function snapshot(): Promise<Record<string, unknown>> {
  const rows = await Promise.all(TABLES.map((table) => bed.dataSource.query(`SELECT coalesce(json_agg(t ORDER BY t::text), '[]') AS rows FROM ${table} t`)));
  return Object.fromEntries(TABLES.map((table, index) => [table, rows[index][0].rows]));
}

describe('employment projection', () => {
  const unitId = randomUUID();
  const [xiuying, jianguo] = [randomUUID(), randomUUID()];
  const [training, referral, fair, position] = Array.from({ length: 4 }, () => randomUUID());
  let xiuyingPerson: string;
  let jianguoPerson: string;

  it('keeps the name, masked phone and masked ID number, and follows a seeker through training, referral and rehiring', async () => {
    xiuyingPerson = await vault.enrol('11010519491231002X');
    jianguoPerson = await vault.enrolWithoutResidentId();
    const seal = (personId: string, name: string, phone: string, residentId: string | null) =>
      vault.seal(personId, { name, phone, residentId, skills: ['家政'], wantedWork: '保洁', notes: '需照顾孩子' });
    await append(`job_seeker-${xiuying}`, 'JobSeekerRegistered', {
      seekerId: xiuying,
      personal: { ...(await seal(xiuyingPerson, '张秀英', '13812345678', '11010519491231002X')) },
      kind: 'laid_off_worker',
      gender: 'female',
      unitId,
      registeredOn: '2026-03-02',
    });
    await append(`job_seeker-${jianguo}`, 'JobSeekerRegistered', {
      seekerId: jianguo,
      personal: { ...(await seal(jianguoPerson, '李建国', '03571234567', null)) },
      kind: 'migrant_worker',
      gender: 'male',
      unitId,
      registeredOn: '2026-03-05',
    });
    await append(`job_seeker-${xiuying}`, 'TrainingEnrolled', {
      seekerId: xiuying, trainingId: training, cycle: 1, courseType: 'domestic_service', courseName: '家政服务员培训班', provider: '市第四技校', startsOn: '2026-04-01', endsOn: '2026-04-30',
    });
    await project();
    let [row] = await bed.dataSource.query(`SELECT * FROM read_model.employment_seekers WHERE id = $1`, [xiuying]);
    expect(row).toMatchObject({ name: '张秀英', phone_masked: '138****5678', resident_id_masked: '1101**********002X', status: 'in_training', skills: ['家政'], personal_data_erased: false, revision: '1' });

    await append(`job_seeker-${xiuying}`, 'TrainingCompleted', { seekerId: xiuying, trainingId: training, completedOn: '2026-04-30', certified: true });
    await append(`job_fair-${fair}`, 'JobFairOrganised', { fairId: fair, name: '春风行动招聘会', heldOn: '2026-05-08', place: '广场', unitId, organiser: '区总工会' });
    await append(`job_fair-${fair}`, 'PositionOffered', { fairId: fair, positionId: position, employer: '某家政公司', position: '家政服务员', count: 12 });
    await append(`job_seeker-${xiuying}`, 'SeekerReferred', {
      seekerId: xiuying, referralId: referral, cycle: 1, employer: '某家政公司', position: '家政服务员', fairId: fair, positionId: position, referredOn: '2026-05-10',
    });
    await project();
    [row] = await bed.dataSource.query(`SELECT status, open_trainings, open_referrals FROM read_model.employment_seekers WHERE id = $1`, [xiuying]);
    expect(row).toEqual({ status: 'referred', open_trainings: 0, open_referrals: 1 });

    await append(`job_seeker-${xiuying}`, 'WorkerRehired', {
      seekerId: xiuying, cycle: 1, employer: '某家政公司', position: '家政服务员', startedOn: '2026-06-01', channel: 'job_fair', referralId: referral, fairId: fair,
    });
    await project();
    [row] = await bed.dataSource.query(`SELECT status, rehired_on::text FROM read_model.employment_seekers WHERE id = $1`, [xiuying]);
    expect(row).toEqual({ status: 'rehired', rehired_on: '2026-06-01' });
    const [hired] = await bed.dataSource.query(`SELECT status FROM read_model.employment_referrals WHERE id = $1`, [referral]);
    expect(hired.status).toBe('hired');
    const [rehiring] = await bed.dataSource.query(`SELECT unit_id, kind, gender, channel FROM read_model.employment_rehirings WHERE seeker_id = $1`, [xiuying]);
    expect(rehiring).toEqual({ unit_id: unitId, kind: 'laid_off_worker', gender: 'female', channel: 'job_fair' });
  });

  it('starts a new cycle after a job loss, keeping the earlier rehiring for the figures', async () => {
    await append(`job_seeker-${xiuying}`, 'JobSeekerReregistered', {
      seekerId: xiuying, cycle: 2, kind: 'laid_off_worker', lostJobOn: '2026-09-30', jobLossReason: 'business_closed', registeredOn: '2026-10-08',
    });
    await project();
    const [row] = await bed.dataSource.query(`SELECT status, cycle, registered_on::text, first_registered_on::text FROM read_model.employment_seekers WHERE id = $1`, [xiuying]);
    expect(row).toEqual({ status: 'registered', cycle: 2, registered_on: '2026-10-08', first_registered_on: '2026-03-02' });
    const [{ n }] = await bed.dataSource.query(`SELECT count(*)::int AS n FROM read_model.employment_registrations WHERE seeker_id = $1`, [xiuying]);
    expect(n).toBe(2);
  });

  it('keeps neither the full phone nor the ID number nor the notes anywhere in the read model', async () => {
    const everything = JSON.stringify(await snapshot());
    for (const secret of ['13812345678', '03571234567', '11010519491231002X', '需照顾孩子', '保洁']) expect(everything).not.toContain(secret);
  });

  it('scrubs an erased person\'s rows and leaves statuses, counts and other people as they were', async () => {
    const before = await snapshot();
    await append(`person-${xiuyingPerson}`, 'PersonalDataErased', { personId: xiuyingPerson, reason: 'data_subject_request' });
    await vault.destroyKey(xiuyingPerson);
    await project();

    const [erased] = await bed.dataSource.query(`SELECT * FROM read_model.employment_seekers WHERE id = $1`, [xiuying]);
    expect(erased).toMatchObject({ name: null, phone_masked: null, resident_id_masked: null, skills: null, personal_data_erased: true, status: 'registered', cycle: 2 });
    const [kept] = await bed.dataSource.query(`SELECT name, phone_masked, personal_data_erased FROM read_model.employment_seekers WHERE id = $1`, [jianguo]);
    expect(kept).toEqual({ name: '李建国', phone_masked: '035****4567', personal_data_erased: false });
    const after = await snapshot();
    expect(JSON.stringify(after)).not.toContain('张秀英');
    for (const table of TABLES.filter((t) => !t.endsWith('_seekers'))) expect(after[table]).toEqual(before[table]);
  });

  it('rebuilds exactly the same read model, still scrubbed, when replayed from the start of the log', async () => {
    const before = await snapshot();
    await bed.dataSource.query(`DELETE FROM read_model.projection_checkpoints WHERE projection = 'employment'`);
    await bed.dataSource.query(`TRUNCATE ${TABLES.join(', ')}`);
    await project();
    expect(await snapshot()).toEqual(before);
  });

  it('changes nothing when events already applied are applied again', async () => {
    const before = await snapshot();
    const projection = new EmploymentProjection(vault);
    const events = (await bed.store.readAll({ maxCount: 1000 })).events.filter((event) => projection.eventTypes.includes(event.type));
    await bed.dataSource.transaction(async (manager) => {
      await useProjectionSchemas(manager);
      const sql = await projectionSqlOf(manager);
      for (const event of events) await projection.apply(event, sql);
      await sql.settle();
    });
    expect(await snapshot()).toEqual(before);
  });
});
