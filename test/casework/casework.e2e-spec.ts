import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from '#event-store';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { readLog } from '../support/event-log.js';
import { api as http, eventually, signIn, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';
import { residentId } from '../support/resident-ids.js';

const clock = new ManualClock('2026-06-01T02:00:00Z'); // 10:00 in Shanghai
let testApp: TestApp;
let url: string;
let township: string;
let community: string;
let otherTownship: string;
let caseworker: SignedInUser;
let supervisor: SignedInUser;
let auditor: SignedInUser;
let sibling: SignedInUser;
let enterpriseId: string;
let admin: SignedInUser;

/** Women: the 17th digit is even. */
const ZHANG = residentId('11010519800315022');
const WANG = residentId('14100219750808104');
const RACED = residentId('14100219900101006');
const ZHAO = residentId('14100219681120002');
const LATE = residentId('14100219700101002');
const SOON = residentId('14100219710101002');

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  url = testApp.baseUrl;
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  community = await testApp.createUnit('东关社区工会', 'community', township);
  otherTownship = await testApp.createUnit('西街街道总工会', 'township', testApp.rootUnitId);
  caseworker = await testApp.createUser('caseworker', township, 'li.caseworker');
  supervisor = await testApp.createUser('supervisor', township, 'wang.supervisor');
  auditor = await testApp.createUser('auditor', township, 'zhou.auditor');
  sibling = await testApp.createUser('caseworker', otherTownship, 'xi.caseworker');
  const registered = await http(url, 'POST', '/enterprises', {
    token: caseworker.token,
    body: {
      name: '临汾市尧都区纺织有限公司',
      creditCode: '91350100M000100Y43',
      ownership: 'non_public',
      industry: 'textiles',
      unitId: township,
      employeeCount: 60,
      womenEmployeeCount: 41,
    },
  });
  expect(registered.status).toBe(201);
  enterpriseId = registered.body.id;
}, 60_000);

afterAll(async () => {
  await testApp?.close();
});

/** As the township's caseworker unless another token is given. */
const api: typeof http = (base, method, path, options = {}) => http(base, method, path, { token: caseworker.token, ...options });

function fileBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    unitId: community,
    name: '张秀英',
    residentId: id,
    gender: 'female',
    phone: '13812345678',
    address: '尧都区城关街道解放路12号',
    enterpriseId,
    householdSize: 3,
    perCapitaMonthlyIncomeFen: 65_000,
    minimumLivingStandardFen: 78_000,
    categories: ['illness', 'single_parent_woman'],
    tier: 'deep',
    illnessDetails: '乳腺癌术后化疗',
    fiveClears: {
      familySituation: '单亲，一子读高中',
      causeOfHardship: '本人患病，医疗费用负担重',
      stateOfMind: '情绪稳定，希望早日康复',
      employmentNeeds: '康复后希望就近就业',
      skills: '缝纫',
    },
    surveyedOn: '2026-05-25',
    nextReviewDue: '2026-11-30',
    ...overrides,
  };
}

async function open(id: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await api(url, 'POST', '/hardship-files', { body: fileBody(id, overrides) });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function logSize(): Promise<number> {
  return (await readLog(testApp)).length;
}

async function projected(fileId: string, revision: number, token = caseworker.token) {
  return eventually(async () => {
    const response = await api(url, 'GET', `/hardship-files/${fileId}`, { token });
    expect(response.status).toBe(200);
    expect(response.body.revision).toBe(revision);
    return response;
  });
}

describe('hardship files over HTTP', () => {
  let fileId: string;

  it('opens a file, seals the personal data in the log, and shows the full record once projected, recording the read', async () => {
    const response = await api(url, 'POST', '/hardship-files', { body: fileBody(ZHANG) });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"0"');
    fileId = response.body.id;
    expect(response.headers.get('location')).toBe(`/api/hardship-files/${fileId}`);

    const events = await testApp.app.get(EventStore).readStream(`hardship_file-${fileId}`);
    expect(events.map((event) => event.type)).toEqual(['HardshipFileOpened']);
    expect(events[0].metadata.actor).toBe(caseworker.userId);
    for (const secret of ['张秀英', ZHANG, '13812345678', '解放路', '乳腺癌', '单亲，一子']) expect(JSON.stringify(events[0].data)).not.toContain(secret);

    const detail = await projected(fileId, 0);
    expect(detail.headers.get('etag')).toBe('"0"');
    expect(detail.body).toMatchObject({
      id: fileId,
      unitId: community,
      unitName: '东关社区工会',
      status: 'open',
      tier: 'deep',
      categories: ['illness', 'single_parent_woman'],
      name: '张秀英',
      residentId: ZHANG,
      residentIdMasked: `1101**********${ZHANG.slice(-4)}`,
      phone: '13812345678',
      phoneMasked: '138****5678',
      address: '尧都区城关街道解放路12号',
      illnessDetails: '乳腺癌术后化疗',
      fiveClears: expect.objectContaining({ skills: '缝纫' }),
      employerName: '临汾市尧都区纺织有限公司',
      enterpriseId,
      openedOn: '2026-06-01',
      nextReviewDue: '2026-11-30',
      reviewOverdue: false,
      personalDataErased: false,
    });
    const audit = (await readLog(testApp)).filter((event) => event.type === 'PersonalRecordRead' && event.data.recordId === fileId);
    expect(audit[0].data).toMatchObject({ userId: caseworker.userId, recordType: 'hardship_file', unitId: community });
  });

  it('refuses a second open file for the same ID number with 409 naming the existing file, and writes nothing', async () => {
    const before = await logSize();
    const again = await api(url, 'POST', '/hardship-files', { body: fileBody(ZHANG.toLowerCase(), { name: '张秀英（重复）' }) });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CASEWORK.PERSON_HAS_OPEN_FILE', existingFileId: fileId });
    expect(again.text).not.toContain(ZHANG);
    expect(await logSize()).toBe(before);
  });

  it('opens exactly one file when the same person is filed five times at once; the others are told which', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => api(url, 'POST', '/hardship-files', { body: fileBody(RACED) })));
    const created = answers.filter((answer) => answer.status === 201);
    expect(created).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.map((answer) => answer.body)).toEqual(Array(4).fill(expect.objectContaining({ status: 409, existingFileId: created[0].body.id })));
  });

  it('answers bad input with 400 naming the field, never echoing the ID number, and writes nothing', async () => {
    const before = await logSize();
    const wrongCheck = `${ZHANG.slice(0, 17)}${ZHANG.endsWith('1') ? '2' : '1'}`;
    const badId = await api(url, 'POST', '/hardship-files', { body: fileBody(wrongCheck) });
    expect(badId.status).toBe(400);
    expect(badId.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(badId.body.errors).toEqual([{ field: 'residentId', reason: expect.stringMatching(/check character/) }]);
    expect(badId.text).not.toContain(wrongCheck.slice(0, 17));

    const badDate = await api(url, 'POST', '/hardship-files', { body: fileBody(residentId('11010519800230002')) });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors).toEqual([{ field: 'residentId', reason: expect.stringMatching(/birth date/) }]);

    const male = await api(url, 'POST', '/hardship-files', { body: fileBody(WANG, { gender: 'male' }) });
    expect(male.status).toBe(400);
    expect(male.body.errors).toEqual([{ field: 'gender', reason: expect.any(String) }]);

    const nested = await api(url, 'POST', '/hardship-files', { body: fileBody(WANG, { fiveClears: { familySituation: '' }, householdSize: 'three' }) });
    expect(nested.status).toBe(400);
    expect(nested.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(['householdSize', 'fiveClears.familySituation']));

    const noIllness = await api(url, 'POST', '/hardship-files', { body: fileBody(WANG, { illnessDetails: undefined }) });
    expect(noIllness.status).toBe(400);
    expect(noIllness.body.errors).toEqual([{ field: 'illnessDetails', reason: expect.any(String) }]);

    const rich = await api(url, 'POST', '/hardship-files', { body: fileBody(WANG, { perCapitaMonthlyIncomeFen: 90_000 }) });
    expect(rich.status).toBe(422);
    expect(rich.body).toMatchObject({ code: 'CASEWORK.TIER_INCOME_MISMATCH', errors: [{ field: 'tier' }] });

    const elsewhere = await api(url, 'POST', '/hardship-files', { body: fileBody(WANG, { unitId: otherTownship }) });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors).toEqual([{ field: 'unitId', reason: expect.any(String) }]);
    expect(await logSize()).toBe(before);
  });

  it('lets the auditor read but not write, and shows a sibling township nothing', async () => {
    expect((await api(url, 'POST', '/hardship-files', { token: auditor.token, body: fileBody(WANG) })).status).toBe(403);
    expect((await api(url, 'POST', `/hardship-files/${fileId}/visits`, { token: auditor.token, body: { occasion: 'festival', visitedOn: '2026-06-01', visitors: ['周'] } })).status).toBe(403);
    expect((await api(url, 'GET', `/hardship-files/${fileId}`, { token: auditor.token })).status).toBe(200);

    expect((await api(url, 'GET', `/hardship-files/${fileId}`, { token: sibling.token })).status).toBe(404);
    expect((await api(url, 'GET', `/hardship-files/${fileId}/timeline`, { token: sibling.token })).status).toBe(404);
    const visit = await api(url, 'POST', `/hardship-files/${fileId}/visits`, { token: sibling.token, body: { occasion: 'festival', visitedOn: '2026-06-01', visitors: ['西'] } });
    expect(visit.status).toBe(404);
    const list = await api(url, 'GET', '/hardship-files', { token: sibling.token });
    expect(list.body).toMatchObject({ items: [], total: 0 });
    const search = await api(url, 'POST', '/hardship-files/search', { token: sibling.token, body: { residentId: ZHANG } });
    expect(search.status).toBe(200);
    expect(search.body.items).toEqual([]);
    const exported = await api(url, 'GET', '/hardship-files/export', { token: sibling.token });
    expect(exported.text).not.toContain(fileId);
    expect((await api(url, 'GET', '/figures/hardship', { token: sibling.token })).body.onRegister).toBe(0);
  });

  it('follows a file through visits, a review, an aid request, leaving and re-entering, with If-Match', async () => {
    const visit = await api(url, 'POST', `/hardship-files/${fileId}/visits`, {
      headers: { 'if-match': '"0"' },
      body: { occasion: 'hospitalized', visitedOn: '2026-05-30', visitors: ['王芳', '李娜'], notes: '住院化疗中，精神尚可' },
    });
    expect(visit.status).toBe(201);
    expect(visit.body.revision).toBe(1);
    expect(visit.headers.get('etag')).toBe('"1"');

    const stale = await api(url, 'POST', `/hardship-files/${fileId}/visits`, {
      headers: { 'if-match': '"0"' },
      body: { occasion: 'festival', visitedOn: '2026-05-31', visitors: ['王芳'] },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"1"' });

    const review = await api(url, 'POST', `/hardship-files/${fileId}/reviews`, {
      token: supervisor.token,
      headers: { 'if-match': '"1"' },
      body: {
        reviewedOn: '2026-06-01',
        outcome: 'still_in_hardship',
        householdSize: 3,
        perCapitaMonthlyIncomeFen: 120_000,
        minimumLivingStandardFen: 78_000,
        categories: ['illness', 'single_parent_woman'],
        tier: 'relative',
        nextReviewDue: '2026-12-01',
        notes: '病情稳定，收入有所增加',
      },
    });
    expect(review.status).toBe(201);

    const aid = await api(url, 'POST', `/hardship-files/${fileId}/aid-requests`, {
      body: { programme: 'medical_aid', amountRequestedFen: 500_000, requestedOn: '2026-06-01', reason: '化疗自付部分较高' },
    });
    expect(aid.status).toBe(201);
    expect(aid.body.revision).toBe(3);

    const notRecovered = await api(url, 'POST', `/hardship-files/${fileId}/leaving`, {
      body: { reason: 'out_of_hardship', leftOn: '2026-06-01', incomeAboveStandardSince: '2026-03-01' },
    });
    expect(notRecovered.status).toBe(422);
    expect(notRecovered.body.errors).toEqual([{ field: 'incomeAboveStandardSince', reason: expect.stringMatching(/six consecutive months/) }]);

    const left = await api(url, 'POST', `/hardship-files/${fileId}/leaving`, {
      headers: { 'if-match': '"3"' },
      body: { reason: 'government_support', leftOn: '2026-06-01', notes: '纳入民政兜底保障' },
    });
    expect(left.status).toBe(201);
    const visitAfter = await api(url, 'POST', `/hardship-files/${fileId}/aid-requests`, {
      body: { programme: 'winter_warmth', amountRequestedFen: 50_000, requestedOn: '2026-06-01', reason: '节日慰问' },
    });
    expect(visitAfter.status).toBe(409);
    expect(visitAfter.body).toMatchObject({ code: 'CASEWORK.FILE_CLOSED', leavingReason: 'government_support' });

    // Off the register, the person may be filed again; back on it, the old file claims them once more.
    const reentered = await api(url, 'POST', `/hardship-files/${fileId}/reentry`, {
      body: {
        reenteredOn: '2026-06-01',
        householdSize: 3,
        perCapitaMonthlyIncomeFen: 60_000,
        minimumLivingStandardFen: 78_000,
        categories: ['illness'],
        tier: 'deep',
        nextReviewDue: '2026-12-01',
        notes: '病情复发',
      },
    });
    expect(reentered.status).toBe(201);
    expect(reentered.body.revision).toBe(5);
    expect((await api(url, 'POST', '/hardship-files', { body: fileBody(ZHANG) })).body.existingFileId).toBe(fileId);

    const detail = await projected(fileId, 5);
    expect(detail.body).toMatchObject({
      status: 'open',
      tier: 'deep',
      categories: ['illness'],
      lastReviewedOn: '2026-06-01',
      nextReviewDue: '2026-12-01',
      visitCount: 1,
      lastVisitedOn: '2026-05-30',
      aidRequestCount: 1,
      aidRequestedFen: 500_000,
      leavingReason: null,
    });

    const timeline = await api(url, 'GET', `/hardship-files/${fileId}/timeline`, { token: auditor.token });
    expect(timeline.status).toBe(200);
    expect(timeline.body.map((entry: { type: string }) => entry.type)).toEqual([
      'HardshipFileOpened',
      'HardshipVisitRecorded',
      'HardshipFileReviewed',
      'AidRequestNoted',
      'HardshipFileClosed',
      'HardshipFileReentered',
    ]);
    expect(timeline.body[0]).toMatchObject({ revision: 0, actor: { userId: caseworker.userId, displayName: expect.any(String) }, personalDataErased: false });
    expect(timeline.body[0].data.worker).toMatchObject({ name: '张秀英', residentId: ZHANG });
    expect(timeline.body[1].data).toMatchObject({ occasion: 'hospitalized', visitors: ['王芳', '李娜'], notes: { notes: '住院化疗中，精神尚可' } });
    expect(timeline.body[2]).toMatchObject({ actor: { userId: supervisor.userId }, data: { previousTier: 'deep', tier: 'relative' } });
    expect(timeline.body[4].data).toMatchObject({ reason: 'government_support', notes: { notes: '纳入民政兜底保障' } });
  });

  it('lists the register by unit and category, finds by name and by ID number, and counts it', async () => {
    await eventually(async () => {
      const byCategory = await api(url, 'GET', `/hardship-files?unitId=${township}&category=illness&status=open`);
      expect(byCategory.body.items.map((item: { id: string }) => item.id)).toContain(fileId);
      const item = byCategory.body.items.find((entry: { id: string }) => entry.id === fileId);
      expect(item).toMatchObject({ name: '张秀英', residentIdMasked: expect.stringContaining('****'), phoneMasked: '138****5678' });
      expect(JSON.stringify(byCategory.body)).not.toContain(ZHANG);
    });
    const other = await api(url, 'GET', `/hardship-files?category=migrant_worker`);
    expect(other.body.items).toEqual([]);
    const byName = await api(url, 'GET', `/hardship-files?name=${encodeURIComponent('秀英')}`);
    expect(byName.body.items.map((item: { id: string }) => item.id)).toContain(fileId);
    expect(byName.body.items.every((item: { name: string }) => item.name.includes('秀英'))).toBe(true);
    expect((await api(url, 'GET', `/hardship-files?name=${encodeURIComponent('桂英')}`)).body.items).toEqual([]);
    const byId = await api(url, 'POST', '/hardship-files/search', { body: { residentId: ` ${ZHANG.toLowerCase()} ` } });
    expect(byId.status).toBe(200);
    expect(byId.body.items.map((item: { id: string }) => item.id)).toEqual([fileId]);
    const figures = await api(url, 'GET', `/figures/hardship?unitId=${township}`, { token: auditor.token });
    expect(figures.body).toMatchObject({ asOf: '2026-06-01', onRegister: 2, byTier: { deep: 2 }, byCategory: { illness: 2, single_parent_woman: 1 }, left: 0 });
  });

  it('exports the register as CSV with masked ID numbers and phones, within the caller\'s units', async () => {
    const exported = await api(url, 'GET', `/hardship-files/export?status=open`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = exported.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,unitName,name,residentIdMasked,phoneMasked/);
    expect(lines).toHaveLength(3);
    expect(exported.text).toContain('张秀英');
    expect(exported.text).toContain('138****5678');
    expect(exported.text).not.toContain(ZHANG);
    expect(exported.text).not.toContain('13812345678');
  });
});

describe('reviews due, as of the clock', () => {
  it('shows a file past its review date as overdue, and one not yet due as not', async () => {
    const late = await open(LATE, { name: '刘玉兰', nextReviewDue: '2026-06-20', categories: ['unemployment'], tier: 'deep', illnessDetails: undefined });
    const soon = await open(SOON, { name: '陈桂英', nextReviewDue: '2026-09-30', categories: ['unemployment'], tier: 'deep', illnessDetails: undefined });
    await projected(soon, 0);
    clock.advanceDays(30); // 2026-07-01
    // Sessions end by the same clock: sign in again a month later.
    caseworker = { ...caseworker, token: await signIn(url, caseworker.username, caseworker.password) };
    admin = { ...testApp.admin, token: await signIn(url, testApp.admin.username, testApp.admin.password) };
    const due = await api(url, 'GET', '/hardship-files/reviews-due?withinDays=30');
    expect(due.body.asOf).toBe('2026-07-01');
    const ids = due.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(late);
    expect(ids).not.toContain(soon);
    expect(due.body.items.find((item: { id: string }) => item.id === late)).toMatchObject({ reviewOverdue: true, daysOverdue: 11 });
    expect(due.body.overdue).toBe(1);
    const soonDetail = await api(url, 'GET', `/hardship-files/${soon}`);
    expect(soonDetail.body.reviewOverdue).toBe(false);
    expect((await api(url, 'GET', '/figures/hardship')).body.reviewsOverdue).toBe(1);
    const later = await api(url, 'GET', '/hardship-files/reviews-due?withinDays=91'); // to 2026-09-30
    expect(later.body.items.map((item: { id: string }) => item.id)).toEqual([late, soon]);
  });
});

describe('erasing a person', () => {
  it('leaves their ID number, name and phone nowhere: not in answers, read models or the log, and every count unchanged', async () => {
    const fileId = await open(ZHAO, {
      name: '赵桂兰',
      phone: '13998765432',
      address: '尧都区西关路88号',
      categories: ['disability'],
      illnessDetails: undefined,
    });
    expect(
      (await api(url, 'POST', `/hardship-files/${fileId}/visits`, { body: { occasion: 'festival', visitedOn: '2026-07-01', visitors: ['王芳'], notes: '赵桂兰行动不便' } })).status,
    ).toBe(201);
    await projected(fileId, 1);
    const figuresBefore = (await api(url, 'GET', '/figures/hardship')).body;
    const listBefore = (await api(url, 'GET', '/hardship-files')).body.total;

    // The file names its person by a pseudonymous id: that is what the supervisor hands the admin.
    const { personId } = (await api(url, 'GET', `/hardship-files/${fileId}`)).body;
    const [opened] = await testApp.app.get(EventStore).readStream(`hardship_file-${fileId}`, { maxCount: 1 });
    expect(personId).toBe((opened.data as { worker: { personId: string } }).worker.personId);
    const erased = await http(url, 'POST', `/persons/${personId}/erasure`, { token: admin.token, body: { reason: 'data_subject_request' } });
    expect(erased.status).toBe(200);

    const secrets = ['赵桂兰', ZHAO, `${ZHAO.slice(0, 4)}**********${ZHAO.slice(-4)}`, '13998765432', '139****5432', '西关路88号', '行动不便'];
    const detail = await eventually(async () => {
      const response = await api(url, 'GET', `/hardship-files/${fileId}`);
      expect(response.body.personalDataErased).toBe(true);
      return response;
    });
    expect(detail.body).toMatchObject({
      name: null,
      residentId: null,
      residentIdMasked: null,
      phone: null,
      phoneMasked: null,
      address: null,
      fiveClears: null,
      status: 'open',
      categories: ['disability'],
      visitCount: 1,
    });
    const answers = [
      detail.text,
      (await api(url, 'GET', '/hardship-files?pageSize=100')).text,
      (await api(url, 'GET', `/hardship-files?name=${encodeURIComponent('桂兰')}`)).text,
      (await api(url, 'POST', '/hardship-files/search', { body: { residentId: ZHAO } })).text,
      (await api(url, 'GET', `/hardship-files/${fileId}/timeline`)).text,
      (await api(url, 'GET', '/hardship-files/export')).text,
      (await api(url, 'GET', '/hardship-files/reviews-due?withinDays=366')).text,
    ];
    for (const answer of answers) for (const secret of secrets) expect(answer).not.toContain(secret);
    expect(JSON.parse(answers[3]).items).toEqual([]);
    const timeline = JSON.parse(answers[4]);
    expect(timeline.map((entry: { personalDataErased: boolean }) => entry.personalDataErased)).toEqual([true, true]);
    expect(timeline[0].data.worker).toBeNull();

    expect((await api(url, 'GET', '/figures/hardship')).body).toEqual(figuresBefore);
    expect((await api(url, 'GET', '/hardship-files')).body.total).toBe(listBefore);

    const { rows: tables } = await testApp.database.pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'read_model' AND table_type = 'BASE TABLE'`);
    for (const { table_name } of tables) {
      const { rows: dump } = await testApp.database.pool.query(`SELECT coalesce(string_agg(t::text, '\n'), '') AS text FROM read_model."${table_name}" t`);
      for (const secret of secrets) expect({ table: table_name, contains: dump[0].text.includes(secret) }).toEqual({ table: table_name, contains: false });
    }
    const log = (await readLog(testApp)).map((event) => JSON.stringify(event.data) + JSON.stringify(event.metadata)).join('\n');
    for (const secret of secrets) expect(log).not.toContain(secret);

    // Nothing more can be sealed for them; what needs no personal data still goes on.
    const note = await api(url, 'POST', `/hardship-files/${fileId}/visits`, { body: { occasion: 'festival', visitedOn: '2026-07-01', visitors: ['王芳'], notes: '再访' } });
    expect(note.status).toBe(422);
    expect(note.body.code).toBe('PERSONAL_DATA.PERSON_ERASED');
    const bare = await api(url, 'POST', `/hardship-files/${fileId}/visits`, { body: { occasion: 'festival', visitedOn: '2026-07-01', visitors: ['王芳'] } });
    expect(bare.status).toBe(201);
  });

  it('never writes a worker\'s name, ID number or phone to the server log', () => {
    const logFile = join(process.cwd(), 'test-output', 'logs', `${testApp.database.connectionString.split('/').pop()}.log`);
    const text = readFileSync(logFile, 'utf8');
    expect(text).toMatch(/hardship-files/);
    for (const secret of ['张秀英', ZHANG, ZHAO, RACED, '13812345678', '赵桂兰']) expect(text).not.toContain(secret);
  });
});
