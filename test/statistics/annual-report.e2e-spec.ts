import { EventStore } from '#event-store';
import { ProjectorService } from '../../apps/api/src/projector/projector.service.js';
import { readZip, wordText } from '../../libs/statistics/src/annual-report/testing/read-zip.js';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { settleLog } from '../support/event-log.js';
import { residentId } from '../support/resident-ids.js';
import { api as http, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

/**
 * The annual report's statistics section for a district with two townships, seeded through the API over a year:
 * unions of two kinds (a joint one covering three enterprises), winter-warmth aid to three households with one
 * payment reversed, education grants to two students, two job seekers trained and one rehired, a job fair. The
 * report in Chinese and English quotes exactly what was seeded; each figure's drill-down lists exactly the cases
 * behind it; as of a past instant the figures are the smaller earlier ones; the Word download carries them.
 */
const clock = new ManualClock('2026-01-10T02:00:00Z'); // 10:00 in Shanghai
let testApp: TestApp;
let url: string;
let district: string;
let east: string;
let west: string;
let caseworker: SignedInUser;
let supervisor: SignedInUser;
let auditor: SignedInUser;
let westSupervisor: SignedInUser;
const enterprises: string[] = [];
const unions: Record<'eastIndependent' | 'westIndependent' | 'westJoint', string> = { eastIndependent: '', westIndependent: '', westJoint: '' };
const grants: Record<'winter1' | 'winter2' | 'winterReversed' | 'education1' | 'education2', string> = {
  winter1: '',
  winter2: '',
  winterReversed: '',
  education1: '',
  education2: '',
};
const seekers: string[] = [];
let fairId: string;
/** An instant after the February events and before the March ones. */
let midFebruary: string;

const api = (method: string, path: string, user: SignedInUser, body?: unknown) => http(url, method, path, { token: user.token, body });
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A unified social credit code with its check character (GB 32100-2015). */
function creditCode(first17: string): string {
  const sum = CREDIT_WEIGHTS.reduce((total, weight, index) => total + weight * CREDIT_ALPHABET.indexOf(first17[index]), 0);
  return `${first17}${CREDIT_ALPHABET[(31 - (sum % 31)) % 31]}`;
}

async function created(response: Promise<{ status: number; body: any }>, status = 201): Promise<string> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`Expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

const todayInShanghai = () => new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

async function grant(programmeId: string, fundId: string, unitId: string, index: number, amountFen: number): Promise<string> {
  const grantId = await created(
    api('POST', '/aid-grants', caseworker, {
      programmeId,
      fundId,
      recipient: { kind: 'worker', unitId, name: `职工${index}`, residentId: residentId(`14100219800101${String(index).padStart(3, '0')}`) },
      amountFen,
      reason: '困难职工帮扶',
    }),
  );
  const paid = await api('POST', `/aid-grants/${grantId}/disbursement`, caseworker, { method: 'bank_transfer', receiptReference: `R-${index}`, paidOn: todayInShanghai() });
  if (paid.status !== 200) throw new Error(`Disbursement failed: ${JSON.stringify(paid.body)}`);
  return grantId;
}

async function settled(): Promise<void> {
  await settleLog(testApp);
  await testApp.app.get(ProjectorService).waitFor(await testApp.app.get(EventStore).headPosition());
}

beforeAll(async () => {
  // The clock moves over months: sessions must outlast it.
  testApp = await startTestApp({ clock, security: { sessionMaxAgeMinutes: 400 * 24 * 60, sessionIdleMinutes: 400 * 24 * 60 } });
  url = testApp.baseUrl;
  district = testApp.rootUnitId;
  east = await testApp.createUnit('城关街道总工会', 'township', district);
  west = await testApp.createUnit('西街街道总工会', 'township', district);
  caseworker = await testApp.createUser('caseworker', district, 'li.caseworker');
  supervisor = await testApp.createUser('supervisor', district, 'wang.chair');
  auditor = await testApp.createUser('auditor', district, 'zhao.auditor');
  westSupervisor = await testApp.createUser('supervisor', west, 'sun.chair');

  // 10 January: six non-public enterprises; funds and programmes; winter warmth to three households; two job seekers; a job fair.
  for (let index = 0; index < 6; index++) {
    enterprises.push(
      await created(
        api('POST', '/enterprises', caseworker, {
          name: `尧都区企业${index + 1}`,
          creditCode: creditCode(`91141002MA0K1230${index}`),
          ownership: 'non_public',
          industry: 'manufacturing',
          unitId: index === 0 || index === 5 ? east : west,
          employeeCount: 40,
          womenEmployeeCount: 15,
        }),
      ),
    );
  }
  expect((await api('PUT', `/aid-policies/${district}/approval-threshold`, testApp.admin, { thresholdFen: 1_000_000 })).status).toBe(200);
  const fundId = await created(api('POST', '/funds', supervisor, { unitId: district, source: 'government_allocation', name: '2026年帮扶资金' }));
  expect((await api('POST', `/funds/${fundId}/allocations`, supervisor, { amountFen: 5_000_000, reference: '尧财社〔2026〕3号', receivedOn: '2026-01-05' })).status).toBe(201);
  const programme = (kind: string, name: string, householdCapFen: number, admissionLevels: string[]) =>
    created(
      api('POST', '/aid-programmes', supervisor, {
        unitId: district,
        year: 2026,
        kind,
        name,
        householdCapFen,
        oneGrantPerHousehold: true,
        eligibility: { recipients: ['worker'], tiers: [], admissionLevels },
        opensOn: '2026-01-01',
        closesOn: '2026-12-31',
      }),
    );
  const winter = await programme('winter_warmth', '2026年元旦春节送温暖', 100_000, []);
  // Admissions are recorded on household files; these grants go to workers without one, so none is required.
  const education = await programme('golden_autumn_education', '2026年金秋助学', 1_000_000, []);
  grants.winter1 = await grant(winter, fundId, east, 1, 50_000);
  grants.winter2 = await grant(winter, fundId, west, 2, 30_000);
  grants.winterReversed = await grant(winter, fundId, east, 3, 20_000);
  for (const [index, unitId] of [east, west].entries()) {
    seekers.push(
      await created(
        api('POST', '/job-seekers', caseworker, { name: `求职者${index + 1}`, phone: `0357-212345${index}`, kind: 'laid_off_worker', gender: 'female', unitId, registeredOn: '2026-01-08' }),
      ),
    );
  }
  fairId = await created(
    api('POST', '/job-fairs', caseworker, {
      name: '2026年春风行动专场招聘会',
      heldOn: '2026-01-20',
      place: '尧都区职工服务中心',
      unitId: district,
      organiser: '区总工会',
      positions: [
        { employer: '临汾市某机械有限公司', position: '电焊工', count: 10 },
        { employer: '尧都区某物流公司', position: '分拣员', count: 5 },
      ],
    }),
  );

  // 10 February: two independent unions; both seekers complete a course.
  clock.set('2026-02-10T02:00:00Z');
  const union = (name: string, kind: string, unitId: string, covered: string[], foundedOn: string, members: number) =>
    created(
      api('POST', '/unions', caseworker, {
        name, kind, unitId, coveredEnterpriseIds: covered, foundedOn, chairName: '王芳', initialMemberCount: members, womenCommitteeFounded: true, auditCommitteeFounded: true,
      }),
    );
  unions.eastIndependent = await union('尧都区企业1工会', 'independent', east, [enterprises[0]], '2026-02-01', 30);
  unions.westIndependent = await union('尧都区企业2工会', 'independent', west, [enterprises[1]], '2026-02-03', 25);
  for (const seeker of seekers) {
    const enrolled = await api('POST', `/job-seekers/${seeker}/trainings`, caseworker, {
      courseType: 'welding', courseName: '电焊工初级培训班', provider: '临汾市第四技校', startsOn: '2026-01-12', endsOn: '2026-02-06',
    });
    expect(enrolled.status).toBe(201);
    expect((await api('POST', `/job-seekers/${seeker}/trainings/${enrolled.body.trainingId}/completion`, caseworker, { completedOn: '2026-02-06', certified: true })).status).toBe(200);
  }
  await settled();
  clock.set('2026-02-20T02:00:00Z');
  midFebruary = clock.now().toISOString();

  // 10 March: a joint union covering three enterprises; one winter payment reversed; a seeker rehired; targets set.
  clock.set('2026-03-10T02:00:00Z');
  unions.westJoint = await union('西街联合工会', 'joint', west, enterprises.slice(2, 5), '2026-03-05', 20);
  expect((await api('POST', `/aid-grants/${grants.winterReversed}/reversal`, supervisor, { reason: '重复发放' })).status).toBe(200);
  expect(
    (await api('POST', `/job-seekers/${seekers[0]}/rehiring`, caseworker, { employer: '临汾市某机械有限公司', position: '电焊工', startedOn: '2026-03-08', channel: 'job_fair' })).status,
  ).toBe(201);
  const targets = await api('PUT', `/units/${district}/targets/2026`, testApp.admin, {
    targets: [
      { metric: 'unions_founded', value: '2', reason: '市总下达' },
      { metric: 'aid_paid_fen', value: '2000000' },
    ],
  });
  expect(targets.status).toBe(200);

  // 20 August: education grants to two students.
  clock.set('2026-08-20T02:00:00Z');
  grants.education1 = await grant(education, fundId, east, 4, 500_000);
  grants.education2 = await grant(education, fundId, west, 5, 300_000);
  await settled();
}, 180_000);

afterAll(async () => {
  await testApp?.close();
});

const report = async (query: string, user = supervisor) => {
  const response = await api('GET', `/reports/annual?${query}`, user);
  expect({ query, status: response.status, body: response.status === 200 ? 'report' : response.body }).toEqual({ query, status: 200, body: 'report' });
  return response.body;
};
const texts = (body: any) => Object.fromEntries(body.sections.map((section: any) => [section.key, section.paragraphs.map((paragraph: any) => paragraph.text)]));
const values = (body: any) => Object.fromEntries(body.figures.map((figure: any) => [figure.id, figure.value]));

/** The drill-down a figure names, all of it: the ids of the cases, and of the events' subjects (grants behind a household). */
async function drill(figure: { drillDown: string }, user = supervisor): Promise<{ body: any; cases: string[]; subjects: string[] }> {
  expect(figure.drillDown.startsWith('/api/')).toBe(true);
  const response = await api('GET', `${figure.drillDown.slice('/api'.length)}&pageSize=200`, user);
  expect({ url: figure.drillDown, status: response.status }).toEqual({ url: figure.drillDown, status: 200 });
  const items: any[] = response.body.items;
  expect(items).toHaveLength(response.body.total);
  return {
    body: response.body,
    cases: items.map((item) => item.subjectId).sort(),
    subjects: [...new Set(items.flatMap((item) => item.facts.map((fact: any) => fact.subjectId)))].sort() as string[],
  };
}

describe('the annual report', () => {
  it('quotes in Chinese exactly the counts and amounts seeded, against the year’s targets', async () => {
    const body = await report(`unitId=${district}&year=2026&language=zh`);
    expect(body).toMatchObject({
      language: 'zh',
      title: '尧都区总工会2026年度工作统计',
      unit: { id: district, name: '尧都区总工会' },
      period: { from: '2026-01-01', to: '2026-12-31' },
      asOf: null,
    });
    expect(texts(body)).toEqual({
      organizing: [
        '新建基层工会3家，其中单独建会2家、联合工会1家（覆盖企业3家），共覆盖企业5家，新发展会员75人。',
        '非公企业建会率83.33%。',
        '对照年度目标：新建基层工会3家，目标2家，完成150.0%。',
      ],
      bargaining: ['建会企业工资集体协商覆盖率0.00%。'],
      hardship: [
        '全年帮扶困难职工4户，发放帮扶资金8,800.00元。',
        '其中：送温暖慰问困难职工2户，发放慰问金800.00元；金秋助学资助2名学生8,000.00元。',
        '对照年度目标：发放帮扶资金8,800.00元，目标20,000.00元，完成44.0%。',
      ],
      employment: ['登记求职人员2人，完成技能培训2人，实现再就业1人，提供就业岗位15个。'],
    });
    expect(values(body)).toMatchObject({
      unions_founded: '3',
      'unions_founded[unionKind=independent]': '2',
      'unions_founded[unionKind=joint]': '1',
      'enterprises_covered_by_new_unions[unionKind=joint]': '3',
      enterprises_covered_by_new_unions: '5',
      members_enrolled: '75',
      unionization_rate: '8333',
      households_helped: '4',
      aid_paid_fen: '880000',
      'aid_paid_fen:winter_warmth': '80000',
      'households_helped:winter_warmth': '2',
      'aid_paid_fen:golden_autumn_education': '800000',
      'households_helped:golden_autumn_education': '2',
      job_seekers_registered: '2',
      people_trained: '2',
      people_rehired: '1',
      positions_offered: '15',
      hardship_files_opened: '0',
    });
    expect(body.figures.find((figure: any) => figure.id === 'aid_paid_fen')).toMatchObject({ measure: 'fen', formatted: '8,800.00元', target: { value: '2000000', attainment: '44.0%' } });
  });

  it('writes the same figures in English', async () => {
    const body = await report(`unitId=${district}&year=2026&language=en`);
    expect(body.title).toBe('尧都区总工会: statistics for 2026');
    expect(texts(body)).toEqual({
      organizing: [
        '3 new grassroots unions were founded: 2 independent and 1 joint (covering 3 enterprises); in all they cover 5 enterprises; 75 members were enrolled.',
        'The unionization rate of non-public enterprises is 83.33%.',
        "Against the year's targets: new grassroots unions: 3 against a target of 2, 150.0% attained.",
      ],
      bargaining: ['The wage-talk coverage rate of unionized enterprises is 0.00%.'],
      hardship: [
        '4 households were helped with 8,800.00 yuan of aid.',
        'Winter warmth: 800.00 yuan to 2 households; education grants: 8,000.00 yuan to 2 students.',
        "Against the year's targets: aid paid: 8,800.00 yuan against a target of 20,000.00 yuan, 44.0% attained.",
      ],
      employment: ['2 job seekers were registered; 2 people completed training; 1 person was re-employed; 15 positions were offered.'],
    });
  });

  it('links every figure to a drill-down listing exactly the cases behind it', async () => {
    const body = await report(`unitId=${district}&year=2026`);
    const expected: Record<string, { cases?: string[]; subjects?: string[]; value: string | null }> = {
      unions_founded: { cases: Object.values(unions), value: '3' },
      'unions_founded[unionKind=independent]': { cases: [unions.eastIndependent, unions.westIndependent], value: '2' },
      'unions_founded[unionKind=joint]': { cases: [unions.westJoint], value: '1' },
      'enterprises_covered_by_new_unions[unionKind=joint]': { cases: [unions.westJoint], value: '3' },
      'enterprises_covered_by_new_unions[unionKind=independent]': { cases: [unions.eastIndependent, unions.westIndependent], value: '2' },
      enterprises_covered_by_new_unions: { cases: Object.values(unions), value: '5' },
      members_enrolled: { cases: Object.values(unions), value: '75' },
      unionization_rate: { cases: enterprises, value: '8333' },
      wage_talks_coverage_rate: { cases: enterprises.slice(0, 5), value: '0' },
      households_helped: { subjects: [grants.winter1, grants.winter2, grants.education1, grants.education2], value: '4' },
      aid_paid_fen: { cases: Object.values(grants), value: '880000' },
      'aid_paid_fen:winter_warmth': { cases: [grants.winter1, grants.winter2, grants.winterReversed], value: '80000' },
      'households_helped:winter_warmth': { subjects: [grants.winter1, grants.winter2], value: '2' },
      'aid_paid_fen:golden_autumn_education': { cases: [grants.education1, grants.education2], value: '800000' },
      'households_helped:golden_autumn_education': { subjects: [grants.education1, grants.education2], value: '2' },
      job_seekers_registered: { cases: seekers, value: '2' },
      people_trained: { cases: seekers, value: '2' },
      people_rehired: { cases: [seekers[0]], value: '1' },
      positions_offered: { cases: [fairId], value: '15' },
      hardship_files_opened: { cases: [], value: '0' },
      wage_talks_opened: { cases: [], value: '0' },
      enterprises_covered_by_agreements: { cases: [], value: '0' },
    };
    expect(body.figures.map((figure: any) => figure.id).sort()).toEqual(Object.keys(expected).sort());
    for (const figure of body.figures) {
      const { body: drilled, cases, subjects } = await drill(figure);
      const want = expected[figure.id];
      expect({ figure: figure.id, value: drilled.value }).toEqual({ figure: figure.id, value: want.value });
      if (want.cases) expect({ figure: figure.id, cases }).toEqual({ figure: figure.id, cases: [...want.cases].sort() });
      if (want.subjects) expect({ figure: figure.id, subjects }).toEqual({ figure: figure.id, subjects: [...want.subjects].sort() });
    }
    // The rate's cases say which are in the numerator: the five unionized enterprises, not the sixth.
    const rate = await drill(body.figures.find((figure: any) => figure.id === 'unionization_rate'));
    expect(rate.body.items.filter((item: any) => item.inNumerator).map((item: any) => item.subjectId).sort()).toEqual(enterprises.slice(0, 5).sort());
    // The reversed payment is among the cases of the amount, netting to nothing.
    const paid = await drill(body.figures.find((figure: any) => figure.id === 'aid_paid_fen'));
    expect(paid.body.items.find((item: any) => item.subjectId === grants.winterReversed)).toMatchObject({ quantity: '0' });
    expect(paid.body.items.reduce((sum: bigint, item: any) => sum + BigInt(item.quantity), 0n)).toBe(880_000n);
  });

  it('as of a past instant gives the smaller figures known then, with drill-downs as of the same instant', async () => {
    const body = await report(`unitId=${district}&year=2026&asOf=${encodeURIComponent(midFebruary)}`);
    expect(body.asOf).toBe(midFebruary);
    expect(body.subtitle).toBe(`统计期：2026-01-01至2026-12-31；数据截至${midFebruary}`);
    expect(texts(body)).toEqual({
      organizing: ['新建基层工会2家，其中单独建会2家，共覆盖企业2家，新发展会员55人。', '非公企业建会率33.33%。'],
      bargaining: ['建会企业工资集体协商覆盖率0.00%。'],
      hardship: ['全年帮扶困难职工3户，发放帮扶资金1,000.00元。', '其中：送温暖慰问困难职工3户，发放慰问金1,000.00元。'],
      employment: ['登记求职人员2人，完成技能培训2人，提供就业岗位15个。'],
    });
    const paid = body.figures.find((figure: any) => figure.id === 'aid_paid_fen:winter_warmth');
    expect(paid.drillDown).toContain(`asOf=${encodeURIComponent(midFebruary)}`);
    const drilled = await drill(paid);
    expect(drilled.body).toMatchObject({ value: '100000', asOf: midFebruary });
    expect(drilled.cases).toEqual([grants.winter1, grants.winter2, grants.winterReversed].sort());
    expect(drilled.body.items.find((item: any) => item.subjectId === grants.winterReversed).facts.map((fact: any) => fact.eventType)).toEqual(['AidDisbursed']);
    // As of now, the report is the live one.
    const now = await report(`unitId=${district}&year=2026&asOf=${encodeURIComponent(clock.now().toISOString())}`);
    expect(texts(now)).toEqual(texts(await report(`unitId=${district}&year=2026`)));
  });

  it('reports a part of the year, and a township within its own scope', async () => {
    const half = await report(`unitId=${district}&from=2026-01-01&to=2026-06-30`);
    expect(half.title).toBe('尧都区总工会2026-01-01至2026-06-30工作统计');
    expect(values(half)).toMatchObject({ aid_paid_fen: '80000', unions_founded: '3' });
    // The education grants of August are outside the half year: their line is left out.
    expect(values(half)).not.toHaveProperty(['households_helped:golden_autumn_education']);
    expect(texts(half).hardship[1]).toBe('其中：送温暖慰问困难职工2户，发放慰问金800.00元。');
    const westReport = await report(`unitId=${west}&year=2026`, westSupervisor);
    expect(texts(westReport).organizing[0]).toBe('新建基层工会2家，其中单独建会1家、联合工会1家（覆盖企业3家），共覆盖企业4家，新发展会员45人。');
    expect((await report(`year=2026`, westSupervisor)).unit).toEqual({ id: west, name: '西街街道总工会' });
    expect((await report(`unitId=${district}&year=2026`, auditor)).title).toBe('尧都区总工会2026年度工作统计');
    expect((await report(`unitId=${district}&year=2026`, testApp.admin)).title).toBe('尧都区总工会2026年度工作统计');
  });

  it('downloads the report as a Word document with the figures and their links', async () => {
    const response = await fetch(`${url}/reports/annual?unitId=${district}&year=2026&language=zh&format=docx`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="annual-report-${district}-2026.docx"; filename*=UTF-8''${encodeURIComponent('尧都区总工会2026年度工作统计.docx')}`,
    );
    const docx = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(docx.length);
    const files = readZip(docx);
    const text = wordText(files.get('word/document.xml')!.toString('utf8'));
    expect(text).toContain('尧都区总工会2026年度工作统计');
    expect(text).toContain('新建基层工会3家，其中单独建会2家、联合工会1家（覆盖企业3家），共覆盖企业5家，新发展会员75人。');
    expect(text).toContain('其中：送温暖慰问困难职工2户，发放慰问金800.00元；金秋助学资助2名学生8,000.00元。');
    expect(text).toContain('发放帮扶资金8,800.00元20,000.00元 (完成 44.0%)');
    const links = files.get('word/_rels/document.xml.rels')!.toString('utf8');
    expect(links).toContain(`Target="${url.replace(/\/api$/, '')}/api/statistics/unions_founded/cases?unitId=${district}&amp;from=2026-01-01&amp;to=2026-12-31&amp;unionKind=joint"`);

    const english = await fetch(`${url}/reports/annual?unitId=${district}&year=2026&language=en&format=docx`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(english.headers.get('content-disposition')).toBe(
      `attachment; filename="annual-report-${district}-2026.docx"; filename*=UTF-8''${encodeURIComponent('尧都区总工会_ statistics for 2026.docx')}`,
    );
    expect(wordText(readZip(Buffer.from(await english.arrayBuffer())).get('word/document.xml')!.toString('utf8'))).toContain('Winter warmth: 800.00 yuan to 2 households');
  });

  it('refuses callers without the role, units outside the caller’s scope and malformed queries', async () => {
    expect((await api('GET', `/reports/annual?unitId=${district}&year=2026`, caseworker)).status).toBe(403);
    const outside = await api('GET', `/reports/annual?unitId=${east}&year=2026`, westSupervisor);
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toContain('application/problem+json');
    for (const query of ['year=2026&language=fr', 'year=2026&format=pdf', 'year=1999', 'from=2026-03-01&to=2026-02-01', 'year=2026&asOf=2026-02-30', 'year=2026&from=2025-12-01']) {
      const refused = await api('GET', `/reports/annual?${query}`, supervisor);
      expect({ query, status: refused.status }).toEqual({ query, status: 400 });
    }
  });
});
