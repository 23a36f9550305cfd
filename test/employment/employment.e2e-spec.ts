import { EventStore } from '#event-store';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { readLog } from '../support/event-log.js';
import { api as http, eventually, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

let testApp: TestApp;
let url: string;
let township: string;
let community: string;
let otherTownship: string;
let caseworker: SignedInUser;
let supervisor: SignedInUser;
let auditor: SignedInUser;
let outsider: SignedInUser;

// 10:00 in Shanghai on 20 November 2026: "today" for every rule about dates.
const clock = new ManualClock('2026-11-20T02:00:00Z');

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  url = testApp.baseUrl;
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  community = await testApp.createUnit('东关社区工会', 'community', township);
  otherTownship = await testApp.createUnit('西街街道总工会', 'township', testApp.rootUnitId);
  caseworker = await testApp.createUser('caseworker', township, 'wang.caseworker');
  supervisor = await testApp.createUser('supervisor', township, 'zhao.supervisor');
  auditor = await testApp.createUser('auditor', township, 'liu.auditor');
  outsider = await testApp.createUser('caseworker', otherTownship, 'sun.caseworker');
});

afterAll(async () => {
  await testApp.close();
});

/** As the township's caseworker unless another token is given. */
const api: typeof http = (base, method, path, options = {}) => http(base, method, path, { token: caseworker.token, ...options });

const XIUYING = { name: '张秀英', phone: '13812345678', residentId: '11010519491231002X', notes: '丈夫长期患病，需照顾孩子' };
const JIANGUO = { name: '李建国', phone: '0357-2123456' };

async function logSize(): Promise<number> {
  return (await readLog(testApp)).length;
}

async function readModelText(): Promise<string> {
  const { rows } = await testApp.database.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'read_model' AND table_type = 'BASE TABLE'`,
  );
  const dumps = await Promise.all(
    rows.map(async ({ table_name }) => (await testApp.database.pool.query(`SELECT coalesce(json_agg(t), '[]')::text AS dump FROM read_model."${table_name}" t`)).rows[0].dump),
  );
  return dumps.join('\n');
}

const figures = async (from = '2026-01-01', to = '2026-12-31', token = caseworker.token) => {
  const response = await api(url, 'GET', `/figures/employment?from=${from}&to=${to}&unitId=${township}`, { token });
  expect(response.status).toBe(200);
  return response.body;
};

describe('re-employment over HTTP', () => {
  let xiuying: string;
  let jianguo: string;
  let fair: { id: string; positionIds: string[] };
  let referral: string;
  let revision: string;

  it('registers job seekers, sealing their personal data in the log', async () => {
    const registered = await api(url, 'POST', '/job-seekers', {
      body: { ...XIUYING, residentId: ' 11010519491231002x ', kind: 'laid_off_worker', gender: 'female', skills: ['家政', '烹饪'], wantedWork: '家政服务', unitId: community, registeredOn: '2026-03-02' },
    });
    expect(registered.status).toBe(201);
    expect(registered.headers.get('etag')).toBe('"0"');
    expect(registered.headers.get('location')).toBe(`/api/job-seekers/${registered.body.id}`);
    xiuying = registered.body.id;

    const second = await api(url, 'POST', '/job-seekers', {
      token: supervisor.token,
      body: { ...JIANGUO, kind: 'migrant_worker', gender: 'male', unitId: township, registeredOn: '2026-03-05' },
    });
    expect(second.status).toBe(201);
    jianguo = second.body.id;

    const events = await testApp.app.get(EventStore).readStream(`job_seeker-${xiuying}`);
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('JobSeekerRegistered');
    expect(events[0].metadata).toMatchObject({ actor: caseworker.userId });
    const all = (await readLog(testApp)).map((event) => JSON.stringify(event.data) + JSON.stringify(event.metadata)).join('\n');
    for (const secret of [XIUYING.name, XIUYING.phone, XIUYING.residentId, XIUYING.notes, '家政服务', JIANGUO.name, JIANGUO.phone]) {
      expect(all).not.toContain(secret);
    }
    expect(events[0].data).toMatchObject({ kind: 'laid_off_worker', gender: 'female', unitId: community, personal: { sealed: expect.stringMatching(/^pd1\./) } });
  });

  it('refuses a second registration of the same resident ID number with 409 naming the existing seeker', async () => {
    const before = await logSize();
    const again = await api(url, 'POST', '/job-seekers', {
      token: supervisor.token,
      body: { name: '张秀英', phone: '13900000000', residentId: '11010519491231002X', kind: 'other_unemployed', gender: 'female', unitId: township },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'EMPLOYMENT.SEEKER_ALREADY_REGISTERED', existingSeekerId: xiuying, errors: [{ field: 'residentId', reason: 'is already registered' }] });
    expect(again.text).not.toContain('11010519491231002X');
    expect(await logSize()).toBe(before);
  });

  it('answers bad input with 400 naming the field, never echoing personal data, and appends nothing', async () => {
    const before = await logSize();
    const base = { name: '王丽', phone: '13712345678', kind: 'graduate', gender: 'female', unitId: township };
    const badId = await api(url, 'POST', '/job-seekers', { body: { ...base, residentId: '110105194912310021' } });
    expect(badId.status).toBe(400);
    expect(badId.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(badId.body.errors).toEqual([{ field: 'residentId', reason: 'is not a valid resident ID number: the check character does not match (GB 11643-1999)' }]);
    expect(badId.text).not.toContain('110105194912310021');

    const badBirth = await api(url, 'POST', '/job-seekers', { body: { ...base, residentId: '110105194902300020' } });
    expect(badBirth.body.errors[0]).toEqual({ field: 'residentId', reason: 'is not a valid resident ID number: positions 7-14 are not a real birth date' });
    expect(badBirth.text).not.toContain('19490230');

    const badFields = await api(url, 'POST', '/job-seekers', { body: { ...base, phone: '99999', kind: 'retired', registeredOn: '2026-02-30' } });
    expect(badFields.status).toBe(400);
    expect(badFields.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['kind', 'phone', 'registeredOn']);
    expect(badFields.text).not.toContain('99999');

    const future = await api(url, 'POST', '/job-seekers', { body: { ...base, registeredOn: '2026-11-21' } });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'registeredOn', reason: 'must not be after today (2026-11-20)' }]);

    const unknownField = await api(url, 'POST', '/job-seekers', { body: { ...base, salary: 3000 } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].field).toBe('salary');

    const notMyUnit = await api(url, 'POST', '/job-seekers', { body: { ...base, unitId: otherTownship } });
    expect(notMyUnit.status).toBe(422);
    expect(notMyUnit.body.errors).toEqual([{ field: 'unitId', reason: 'is not a unit you work in' }]);
    expect(await logSize()).toBe(before);
  });

  it('lists seekers with only masked personal data, and shows the full record to a caseworker, recording the reading', async () => {
    const listed = await eventually(async () => {
      const response = await api(url, 'GET', '/job-seekers?pageSize=10');
      expect(response.body.total).toBe(2);
      return response;
    });
    const item = listed.body.items.find((seeker: { id: string }) => seeker.id === xiuying);
    expect(item).toMatchObject({ name: '张秀英', phoneMasked: '138****5678', residentIdMasked: '1101**********002X', status: 'registered', kind: 'laid_off_worker', unitName: '东关社区工会' });
    expect(listed.text).not.toContain(XIUYING.phone);
    expect(listed.text).not.toContain(XIUYING.residentId);

    const search = await api(url, 'GET', `/job-seekers?search=${encodeURIComponent('建国')}`);
    expect(search.body.items.map((seeker: { id: string }) => seeker.id)).toEqual([jianguo]);
    const bySkill = await api(url, 'GET', `/job-seekers?skill=${encodeURIComponent('烹饪')}&kind=laid_off_worker`);
    expect(bySkill.body.items.map((seeker: { id: string }) => seeker.id)).toEqual([xiuying]);

    const recordReads = async () => (await readLog(testApp)).filter((event) => event.type === 'PersonalRecordRead');
    const readsBefore = (await recordReads()).length;
    const detail = await api(url, 'GET', `/job-seekers/${xiuying}`);
    expect(detail.status).toBe(200);
    expect(detail.headers.get('etag')).toBe('"0"');
    expect(detail.body).toMatchObject({ ...XIUYING, wantedWork: '家政服务', skills: ['家政', '烹饪'], personalDataErased: false, cycle: 1, personId: expect.any(String) });
    const reads = await recordReads();
    expect(reads).toHaveLength(readsBefore + 1);
    expect(reads[reads.length - 1].data).toEqual({ userId: caseworker.userId, recordType: 'job_seeker', recordId: xiuying, unitId: community });
    revision = detail.headers.get('etag')!;
  });

  it('records training attended: enrolment with If-Match, a stale ETag refused with 412, then completion', async () => {
    const enrolled = await api(url, 'POST', `/job-seekers/${xiuying}/trainings`, {
      headers: { 'if-match': revision },
      body: { courseType: 'domestic_service', courseName: '家政服务员培训班', provider: '临汾市第四技校', startsOn: '2026-04-01', endsOn: '2026-04-30' },
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.headers.get('etag')).toBe('"1"');
    const stale = await api(url, 'POST', `/job-seekers/${xiuying}/trainings`, {
      headers: { 'if-match': revision },
      body: { courseType: 'computing', courseName: '电脑培训班', provider: '职工学校', startsOn: '2026-04-01', endsOn: '2026-04-30' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"1"' });

    const early = await api(url, 'POST', `/job-seekers/${xiuying}/trainings/${enrolled.body.trainingId}/completion`, { body: { completedOn: '2026-03-31' } });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('completedOn');
    const completed = await api(url, 'POST', `/job-seekers/${xiuying}/trainings/${enrolled.body.trainingId}/completion`, {
      headers: { 'if-match': '"1"' },
      body: { completedOn: '2026-04-30', certified: true },
    });
    expect(completed.status).toBe(200);
    const twice = await api(url, 'POST', `/job-seekers/${xiuying}/trainings/${enrolled.body.trainingId}/completion`, { body: { completedOn: '2026-04-30' } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('EMPLOYMENT.TRAINING_FINISHED');

    const dropped = await api(url, 'POST', `/job-seekers/${jianguo}/trainings`, {
      body: { courseType: 'welding', courseName: '电焊工初级班', provider: '临汾市第四技校', startsOn: '2026-04-01', endsOn: '2026-05-31' },
    });
    expect(
      (await api(url, 'POST', `/job-seekers/${jianguo}/trainings/${dropped.body.trainingId}/drop-out`, { body: { droppedOn: '2026-04-20', reason: 'found_work' } })).status,
    ).toBe(200);
  });

  it('records a job fair with the positions offered, and refers a seeker to one of them', async () => {
    const organised = await api(url, 'POST', '/job-fairs', {
      body: {
        name: '2026年春风行动专场招聘会',
        heldOn: '2026-05-08',
        place: '城关街道职工服务中心',
        unitId: township,
        organiser: '城关街道总工会、区人社局',
        positions: [
          { employer: '尧都区某家政服务有限公司', position: '家政服务员', count: 20 },
          { employer: '临汾市某机械有限公司', position: '电焊工', count: 15 },
        ],
      },
    });
    expect(organised.status).toBe(201);
    fair = organised.body;
    expect(fair.positionIds).toHaveLength(2);
    const added = await api(url, 'POST', `/job-fairs/${fair.id}/positions`, { headers: { 'if-match': '"2"' }, body: { employer: '某超市', position: '收银员', count: 8 } });
    expect(added.status).toBe(201);
    const duplicate = await api(url, 'POST', `/job-fairs/${fair.id}/positions`, { body: { employer: '某超市', position: ' 收银员', count: 2 } });
    expect(duplicate.status).toBe(409);

    const badCount = await api(url, 'POST', '/job-fairs', {
      body: { name: '招聘会', heldOn: '2026-05-08', place: '广场', unitId: township, organiser: '总工会', positions: [{ employer: '某公司', position: '保安', count: 0 }] },
    });
    expect(badCount.status).toBe(400);
    expect(badCount.body.errors[0].field).toBe('positions[0].count');
    // Found by the command-route fuzz: a list inside the list used to slip past validation and answer 500.
    for (const positions of [[[]], [[{ employer: '某公司', position: '保安', count: 1 }]], ['保安'], [null]]) {
      const notObjects = await api(url, 'POST', '/job-fairs', {
        body: { name: '招聘会', heldOn: '2026-05-08', place: '广场', unitId: township, organiser: '总工会', positions },
      });
      expect({ positions, status: notObjects.status, fields: notObjects.body.errors?.map((error: { field: string }) => error.field) }).toEqual({
        positions,
        status: 400,
        fields: ['positions'],
      });
    }

    const shown = await eventually(async () => {
      const response = await api(url, 'GET', `/job-fairs/${fair.id}`);
      expect(response.body.positionsOffered).toBe(43);
      return response;
    });
    expect(shown.body).toMatchObject({ employers: 3, unitName: '城关街道总工会' });

    const referred = await api(url, 'POST', `/job-seekers/${xiuying}/referrals`, {
      body: { fairId: fair.id, positionId: fair.positionIds[0], referredOn: '2026-05-08' },
    });
    expect(referred.status).toBe(201);
    referral = referred.body.referralId;
    const both = await api(url, 'POST', `/job-seekers/${xiuying}/referrals`, {
      body: { fairId: fair.id, positionId: fair.positionIds[0], employer: '别的公司', referredOn: '2026-05-08' },
    });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].field).toBe('employer');
    const noJob = await api(url, 'POST', `/job-seekers/${jianguo}/referrals`, { body: { referredOn: '2026-05-08' } });
    expect(noJob.status).toBe(400);
    expect(noJob.body.errors.map((error: { field: string }) => error.field)).toEqual(['employer', 'position']);

    const direct = await api(url, 'POST', `/job-seekers/${jianguo}/referrals`, { body: { employer: '某物流公司', position: '搬运工', referredOn: '2026-05-12' } });
    expect(direct.status).toBe(201);
    const notHired = await api(url, 'POST', `/job-seekers/${jianguo}/referrals/${direct.body.referralId}/outcome`, { body: { outcome: 'not_hired', recordedOn: '2026-05-20' } });
    expect(notHired.status).toBe(200);
    await eventually(async () => {
      const response = await api(url, 'GET', `/job-seekers?status=referred`);
      expect(response.body.items.map((seeker: { id: string }) => seeker.id)).toEqual([xiuying]);
    });
  });

  it('records WorkerRehired, and refuses to rehire a worker already rehired or a seeker that does not exist', async () => {
    const rehired = await api(url, 'POST', `/job-seekers/${xiuying}/rehiring`, {
      body: { employer: '尧都区某家政服务有限公司', position: '家政服务员', startedOn: '2026-06-01', channel: 'job_fair', fairId: fair.id, referralId: referral },
    });
    expect(rehired.status).toBe(201);
    const rehirings = (await testApp.app.get(EventStore).readStream(`job_seeker-${xiuying}`)).filter((event) => event.type === 'WorkerRehired');
    expect(rehirings[0].data).toMatchObject({ cycle: 1, channel: 'job_fair', startedOn: '2026-06-01', referralId: referral, fairId: fair.id });

    const before = await logSize();
    const again = await api(url, 'POST', `/job-seekers/${xiuying}/rehiring`, {
      body: { employer: '另一家公司', position: '保洁员', startedOn: '2026-07-01', channel: 'referral' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'EMPLOYMENT.ALREADY_REHIRED', startedOn: '2026-06-01' });
    const unknown = await api(url, 'POST', `/job-seekers/7f1d3a52-9a8e-4c47-b1a4-2d6f0c9e8b11/rehiring`, {
      body: { employer: '某公司', position: '保安', startedOn: '2026-07-01', channel: 'referral' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('EMPLOYMENT.SEEKER_NOT_FOUND');
    const badChannel = await api(url, 'POST', `/job-seekers/${jianguo}/rehiring`, { body: { employer: '某公司', position: '保安', startedOn: '2026-07-01', channel: 'luck' } });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.errors[0].field).toBe('channel');
    expect(await logSize()).toBe(before);

    const selfEmployed = await api(url, 'POST', `/job-seekers/${jianguo}/rehiring`, {
      token: supervisor.token,
      body: { employer: '李记早餐店', position: '个体经营', startedOn: '2026-08-15', channel: 'self_employment' },
    });
    expect(selfEmployed.status).toBe(201);
  });

  it('reports the figures by unit, period and channel', async () => {
    const year = await eventually(async () => {
      const body = await figures();
      expect(body.rehired.total).toBe(2);
      return body;
    });
    expect(year.rehired).toMatchObject({ total: 2, women: 1, byChannel: { job_fair: 1, referral: 0, training_base: 0, self_employment: 1 } });
    expect(year.rehired.byKind).toMatchObject({ laid_off_worker: 1, migrant_worker: 1 });
    expect(year.rehired.byUnit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitId: community, unitName: '东关社区工会', total: 1 }),
        expect.objectContaining({ unitId: township, unitName: '城关街道总工会', total: 1 }),
      ]),
    );
    expect(year.trained).toMatchObject({ completions: 1, people: 1, certified: 1, droppedOut: 1, byCourse: { domestic_service: 1 } });
    expect(year.jobFairs).toEqual({ held: 1, positionsOffered: 43, employers: 3 });
    expect(year.referrals).toEqual({ made: 2, ledToJob: 1 });
    expect(year.registered).toMatchObject({ total: 2, again: 0, women: 1, byKind: { laid_off_worker: 1, migrant_worker: 1, graduate: 0 } });

    const firstHalf = await figures('2026-01-01', '2026-06-30');
    expect(firstHalf.rehired.byChannel).toMatchObject({ job_fair: 1, self_employment: 0 });
    const community_ = await api(url, 'GET', `/figures/employment?from=2026-01-01&to=2026-12-31&unitId=${community}`);
    expect(community_.body.rehired.total).toBe(1);

    const reversed = await api(url, 'GET', '/figures/employment?from=2026-12-31&to=2026-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].field).toBe('to');
    const missing = await api(url, 'GET', '/figures/employment?from=2026-01-01');
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('to');
  });

  it('registers a worker again after a job loss, in a new cycle, keeping the earlier job in the figures', async () => {
    const lost = await api(url, 'POST', `/job-seekers/${xiuying}/job-loss`, { body: { lostJobOn: '2026-09-30', jobLossReason: 'business_closed', registeredOn: '2026-10-08' } });
    expect(lost.status).toBe(201);
    const lostAgain = await api(url, 'POST', `/job-seekers/${xiuying}/job-loss`, { body: { lostJobOn: '2026-10-30', jobLossReason: 'other' } });
    expect(lostAgain.status).toBe(409);
    expect(lostAgain.body.code).toBe('EMPLOYMENT.SEEKER_NOT_REHIRED');

    const detail = await eventually(async () => {
      const response = await api(url, 'GET', `/job-seekers/${xiuying}`);
      expect(response.body.cycle).toBe(2);
      return response;
    });
    expect(detail.body).toMatchObject({ status: 'registered', registeredOn: '2026-10-08', firstRegisteredOn: '2026-03-02' });
    expect(detail.body.cycles).toEqual([
      expect.objectContaining({ cycle: 1, rehiring: expect.objectContaining({ channel: 'job_fair', startedOn: '2026-06-01' }) }),
      expect.objectContaining({ cycle: 2, lostJobOn: '2026-09-30', jobLossReason: 'business_closed', rehiring: null }),
    ]);
    const year = await figures();
    expect(year.rehired.total).toBe(2);
    expect(year.registered).toMatchObject({ total: 3, again: 1 });

    const rehiredAgain = await api(url, 'POST', `/job-seekers/${xiuying}/rehiring`, {
      headers: { 'if-match': detail.headers.get('etag')! },
      body: { employer: '某超市', position: '收银员', startedOn: '2026-11-02', channel: 'training_base' },
    });
    expect(rehiredAgain.status).toBe(201);
    await eventually(async () => expect((await figures()).rehired.total).toBe(3));
  });

  it('shows a sibling township nothing, and lets an auditor read but not write', async () => {
    const theirs = await api(url, 'GET', '/job-seekers', { token: outsider.token });
    expect(theirs.body).toMatchObject({ total: 0, items: [] });
    expect((await api(url, 'GET', `/job-seekers/${xiuying}`, { token: outsider.token })).status).toBe(404);
    expect((await api(url, 'GET', `/job-seekers/${xiuying}/history`, { token: outsider.token })).status).toBe(404);
    expect((await api(url, 'GET', `/job-fairs/${fair.id}`, { token: outsider.token })).status).toBe(404);
    const before = await logSize();
    const write = await api(url, 'POST', `/job-seekers/${jianguo}/job-loss`, { token: outsider.token, body: { lostJobOn: '2026-10-01', jobLossReason: 'other' } });
    expect(write.status).toBe(404);
    const referToTheirFair = await api(url, 'POST', `/job-seekers/${jianguo}/referrals`, { token: outsider.token, body: { employer: 'x', position: 'y', referredOn: '2026-10-01' } });
    expect(referToTheirFair.status).toBe(404);
    const theirFigures = await api(url, 'GET', `/figures/employment?from=2026-01-01&to=2026-12-31&unitId=${township}`, { token: outsider.token });
    expect(theirFigures.body.rehired.total).toBe(0);

    expect((await api(url, 'GET', `/job-seekers?status=rehired`, { token: auditor.token })).body.total).toBe(2);
    const auditorWrite = await api(url, 'POST', `/job-seekers/${jianguo}/job-loss`, { token: auditor.token, body: { lostJobOn: '2026-10-01', jobLossReason: 'other' } });
    expect(auditorWrite.status).toBe(403);
    const auditorRegister = await api(url, 'POST', '/job-seekers', { token: auditor.token, body: { name: 'x', phone: '13712345678', kind: 'graduate', gender: 'male', unitId: township } });
    expect(auditorRegister.status).toBe(403);
    expect(await logSize()).toBe(before);
  });

  it('after the admin erases the person, their name, phone and ID number appear in no answer and no read-model table, and the figures stay', async () => {
    const figuresBefore = await figures();
    const { personId } = (await api(url, 'GET', `/job-seekers/${xiuying}`)).body;
    const erased = await api(url, 'POST', `/persons/${personId}/erasure`, { token: testApp.admin.token, body: { reason: 'data_subject_request' } });
    expect(erased.status).toBe(200);

    const listed = await eventually(async () => {
      const response = await api(url, 'GET', '/job-seekers');
      expect(response.body.items.find((seeker: { id: string }) => seeker.id === xiuying)).toMatchObject({ name: null, phoneMasked: null, residentIdMasked: null, personalDataErased: true });
      return response;
    });
    const detail = await api(url, 'GET', `/job-seekers/${xiuying}`);
    expect(detail.body).toMatchObject({ name: null, phone: null, residentId: null, notes: null, wantedWork: null, skills: null, personalDataErased: true, status: 'rehired', cycle: 2 });
    const answers = [
      listed.text,
      detail.text,
      (await api(url, 'GET', `/job-seekers/${xiuying}/history`)).text,
      (await api(url, 'GET', `/job-seekers?search=${encodeURIComponent('秀英')}`)).text,
      (await api(url, 'GET', `/job-seekers`, { token: auditor.token })).text,
      (await api(url, 'GET', `/job-seekers/${xiuying}`, { token: supervisor.token })).text,
      (await api(url, 'GET', `/job-fairs`)).text,
    ];
    const readModel = await readModelText();
    for (const secret of [XIUYING.name, XIUYING.phone, '138****5678', XIUYING.residentId, '1101**********002X', XIUYING.notes]) {
      for (const answer of answers) expect(answer).not.toContain(secret);
      expect(readModel).not.toContain(secret);
    }
    // The other seeker is untouched, and every figure is as it was.
    expect(readModel).toContain(JIANGUO.name);
    expect(await figures()).toEqual(figuresBefore);
    // The same ID number can be registered again: the vault has forgotten it, so this is a new person.
    const anew = await api(url, 'POST', '/job-seekers', {
      body: { name: '张秀英', phone: '13812345678', residentId: XIUYING.residentId, kind: 'laid_off_worker', gender: 'female', unitId: township },
    });
    expect(anew.status).toBe(201);
    // Nothing more is recorded about the erased seeker's person, but the seeker's work record goes on.
    const lost = await api(url, 'POST', `/job-seekers/${xiuying}/job-loss`, { body: { lostJobOn: '2026-11-15', jobLossReason: 'contract_ended' } });
    expect(lost.status).toBe(201);
  });
});
