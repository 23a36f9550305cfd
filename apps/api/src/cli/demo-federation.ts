import { creditCodeProblem } from '#shared-kernel';

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A unified social credit code (GB 32100-2015) with its right check character. */
export function creditCode(index: number): string {
  const body = `9114100${String(index).padStart(6, '0')}MA0K`.slice(0, 17);
  for (const check of CREDIT_ALPHABET) if (!creditCodeProblem(`${body}${check}`)) return `${body}${check}`;
  throw new Error(`No check character for ${body}`);
}

/** A resident ID number with its right check character (GB 11643-1999), from its first 17 digits. */
export function residentId(first17: string): string {
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  const check = (12 - (sum % 11)) % 11;
  return `${first17}${check === 10 ? 'X' : check}`;
}

interface ApiResponse {
  status: number;
  body: any;
  text: string;
}

async function api(apiUrl: string, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${apiUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  const body = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  return { status: response.status, body, text };
}

async function signIn(apiUrl: string, username: string, password: string): Promise<string> {
  const response = await api(apiUrl, 'POST', '/auth/tokens', { body: { username, password } });
  if (response.status !== 201) throw new Error(`Sign-in of ${username} failed (${response.status}): ${response.text}`);
  return response.body.token;
}

/** The read side follows the log within moments: poll until a check stops throwing. */
async function eventually<T>(check: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * A district federation as it stands on an ordinary day, made through the HTTP API as its people make it (the
 * demo-data command and the browser tests start from it): a township, a caseworker there, a supervisor and an auditor at the district, a fund with money in
 * it, a winter-warmth programme, targets for the year, an enterprise, and a worker's hardship file.
 */
export interface Federation {
  readonly year: number;
  readonly today: string;
  readonly districtId: string;
  readonly townshipId: string;
  readonly password: string;
  readonly users: { caseworker: string; supervisor: string; auditor: string; admin: string };
  readonly fundId: string;
  readonly fundName: string;
  readonly programmeId: string;
  readonly programmeName: string;
  readonly enterpriseId: string;
  readonly unionId: string;
  readonly talksId: string;
  readonly seekerId: string;
  readonly file: { id: string; name: string; residentId: string };
  readonly tokens: { caseworker: string; supervisor: string; admin: string };
}

function ok(response: ApiResponse, what: string, status = 201): any {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status}: ${response.text}`);
  return response.body;
}

/** Today in China, where the federation works: the API refuses business dates after it. */
export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export async function seedDemoFederation(options: { apiUrl: string; adminUsername: string; adminPassword: string; password: string }): Promise<Federation> {
  const { apiUrl, adminUsername, adminPassword, password } = options;
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const admin = await signIn(apiUrl, adminUsername, adminPassword);
  const as = (token: string) => (method: string, path: string, body?: unknown) => api(apiUrl, method, path, { token, body });
  const asAdmin = as(admin);

  const existing = ok(await asAdmin('GET', '/accounts?search=li.na'), 'accounts', 200);
  if (existing.items.some((account: { username: string }) => account.username === 'li.na')) {
    throw new Error('The demo accounts exist already: this database has its demo data (nothing was changed).');
  }
  const me = ok(await asAdmin('GET', '/auth/me'), 'me', 200);
  const districtId: string = me.unit.id;
  const townshipId: string = ok(await asAdmin('POST', '/units', { name: '城关街道总工会', level: 'township', parentId: districtId }), 'township').id;
  const users = { caseworker: 'li.na', supervisor: 'wang.qiang', auditor: 'zhao.min', admin: adminUsername };
  const account = (username: string, displayName: string, role: string, unitId: string) =>
    asAdmin('POST', '/accounts', { username, displayName, role, unitId, password });
  ok(await account(users.caseworker, '李娜', 'caseworker', townshipId), 'caseworker');
  ok(await account(users.supervisor, '王强', 'supervisor', districtId), 'supervisor');
  ok(await account(users.auditor, '赵敏', 'auditor', districtId), 'auditor');
  // Grants above 1,000 yuan wait for a supervisor's approval.
  ok(await asAdmin('PUT', `/aid-policies/${districtId}/approval-threshold`, { thresholdFen: 100_000 }), 'approval threshold', 200);
  ok(
    await asAdmin('PUT', `/units/${districtId}/targets/${year}`, {
      targets: [
        { metric: 'aid_paid_fen:winter_warmth', value: '12550000' },
        { metric: 'households_helped', value: '200' },
        { metric: 'hardship_files_opened', value: '150' },
        { metric: 'unions_founded', value: '12' },
      ],
    }),
    'targets',
    200,
  );

  const supervisor = await signIn(apiUrl, users.supervisor, password);
  const caseworker = await signIn(apiUrl, users.caseworker, password);
  const asSupervisor = as(supervisor);
  const asCaseworker = as(caseworker);
  const fundName = `${year}年帮扶专项资金`;
  const fundId: string = ok(await asSupervisor('POST', '/funds', { unitId: districtId, source: 'government_allocation', name: fundName }), 'fund').id;
  ok(await asSupervisor('POST', `/funds/${fundId}/allocations`, { amountFen: 50_000_000, reference: `尧财社〔${year}〕9号`, receivedOn: today }), 'allocation');
  const programmeName = `${year}年“两节”送温暖`;
  const programmeId: string = ok(
    await asSupervisor('POST', '/aid-programmes', {
      unitId: districtId,
      year,
      kind: 'winter_warmth',
      name: programmeName,
      householdCapFen: 300_000,
      oneGrantPerHousehold: false,
      eligibility: { recipients: ['worker', 'hardship_file'], tiers: [], admissionLevels: [] },
      opensOn: `${year}-01-01`,
      closesOn: `${year}-12-31`,
    }),
    'programme',
  ).id;

  const enterpriseId: string = ok(
    await asCaseworker('POST', '/enterprises', {
      name: '临汾市尧都区恒达机械有限公司',
      creditCode: creditCode(7001),
      ownership: 'non_public',
      industry: 'manufacturing',
      unitId: townshipId,
      employeeCount: 86,
      womenEmployeeCount: 31,
    }),
    'enterprise',
  ).id;
  const file = { name: '张秀英', residentId: residentId('14100219760312002') };
  const fileId: string = ok(
    await asCaseworker('POST', '/hardship-files', {
      unitId: townshipId,
      name: file.name,
      residentId: file.residentId,
      gender: 'female',
      phone: '13835712345',
      address: '尧都区城关街道解放路18号',
      enterpriseId,
      householdSize: 3,
      perCapitaMonthlyIncomeFen: 65_000,
      minimumLivingStandardFen: 78_000,
      categories: ['illness', 'single_parent_woman'],
      tier: 'deep',
      illnessDetails: '术后化疗',
      fiveClears: { familySituation: '单亲，抚养一子', causeOfHardship: '本人患病', stateOfMind: '情绪稳定', employmentNeeds: '就近就业', skills: '缝纫' },
      surveyedOn: today,
      nextReviewDue: `${year + 1}-06-30`,
    }),
    'hardship file',
  ).id;
  ok(await asCaseworker('POST', `/hardship-files/${fileId}/visits`, { occasion: 'hospitalized', visitedOn: today, visitors: ['李娜', '王强'], notes: '住院中，送去慰问品' }), 'visit');
  // The rest of a township's week, so every page has something real on it.
  const unionId: string = ok(
    await asCaseworker('POST', '/unions', {
      name: '临汾市尧都区恒达机械有限公司工会委员会',
      kind: 'independent',
      unitId: townshipId,
      coveredEnterpriseIds: [enterpriseId],
      foundedOn: today,
      chairName: '刘建国',
      initialMemberCount: 62,
      womenCommitteeFounded: true,
      auditCommitteeFounded: true,
    }),
    'union',
  ).id;
  const talksId: string = await eventually(
    async () =>
      ok(
        await asCaseworker('POST', '/wage-talks', {
          scope: 'enterprise',
          coveredEnterpriseIds: [enterpriseId],
          initiatingUnionId: unionId,
          offerDate: today,
          topics: ['wage_growth', 'minimum_wage'],
          unitId: townshipId,
        }),
        'wage talks',
      ).id,
    20_000,
  );
  ok(await asCaseworker('POST', `/wage-talks/${talksId}/employer-response`, { decision: 'accepted', respondedOn: today, note: '同意于下周开展协商' }), 'employer response');
  const seekerId: string = ok(
    await asCaseworker('POST', '/job-seekers', {
      name: '刘建军',
      phone: '13935798765',
      residentId: residentId('14100219800508003'),
      kind: 'laid_off_worker',
      gender: 'male',
      skills: ['电焊', '钳工'],
      wantedWork: '机械加工',
      unitId: townshipId,
      registeredOn: today,
    }),
    'job seeker',
  ).id;
  ok(
    await asCaseworker('POST', `/job-seekers/${seekerId}/trainings`, {
      courseType: 'welding',
      courseName: '焊工（中级）培训班',
      provider: '临汾市第四技校',
      startsOn: today,
      endsOn: `${year + 1}-01-15`,
    }),
    'training',
  );
  ok(
    await asCaseworker('POST', '/job-fairs', {
      name: `${year}年春风行动专场招聘会`,
      heldOn: today,
      place: '城关街道职工服务中心',
      unitId: townshipId,
      organiser: '城关街道总工会',
      positions: [
        { employer: '临汾市尧都区恒达机械有限公司', position: '电焊工', count: 6 },
        { employer: '尧都区某家政服务有限公司', position: '家政服务员', count: 20 },
      ],
    }),
    'job fair',
  );

  // The journeys start once the read side shows what was made.
  await eventually(async () => ok(await asCaseworker('GET', `/hardship-files/${fileId}`), 'file shown', 200), 20_000);
  await eventually(async () => ok(await asCaseworker('GET', `/aid-programmes/${programmeId}`), 'programme shown', 200), 20_000);
  await eventually(async () => ok(await asCaseworker('GET', `/funds/${fundId}`), 'fund shown', 200), 20_000);
  await eventually(async () => ok(await asCaseworker('GET', `/job-seekers/${seekerId}`), 'seeker shown', 200), 20_000);

  return {
    year,
    today,
    districtId,
    townshipId,
    password,
    users,
    fundId,
    fundName,
    programmeId,
    programmeName,
    enterpriseId,
    unionId,
    talksId,
    seekerId,
    file: { id: fileId, ...file },
    tokens: { caseworker, supervisor, admin },
  };
}
