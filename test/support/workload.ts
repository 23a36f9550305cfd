import { creditCodeProblem } from '#shared-kernel';
import { api as http, eventually, signIn, type ApiResponse, type SignedInUser, type TestApp } from './test-app.js';
import { residentId } from './resident-ids.js';

/**
 * A realistic history made through the command routes, as caseworkers, supervisors and the admin make it: for
 * every context, each round registers enterprises and founds unions, takes wage talks to a filed agreement, opens
 * and follows a hardship file, registers a job seeker through training, a fair referral and rehiring, and proposes,
 * approves and pays aid grants from a fund; every few rounds a unit, an account and a failed sign-in; at the end
 * two persons erased. About 40 events per round. Run the app on a fixed ManualClock at 2026-07-01 (every date
 * used is on or before it, and sessions never idle out).
 */
export interface Workload {
  readonly township: string;
  readonly rounds: number;
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid unified social credit code (GB 32100-2015) per index: the check character is found by trying each. */
export function creditCode(index: number): string {
  const body = `9114100${String(index).padStart(6, '0')}MA0K`.slice(0, 17);
  for (const check of CREDIT_ALPHABET) if (!creditCodeProblem(`${body}${check}`)) return `${body}${check}`;
  throw new Error(`No check character for ${body}`);
}

/** Women's resident ID numbers (the 17th digit even), distinct per index and per birth year. */
const womanId = (year: number, index: number) => residentId(`141002${year}0101${String((index * 2) % 1000).padStart(3, '0')}`);

function created(response: ApiResponse, what: string, status = 201): any {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function driveWorkload(testApp: TestApp, options: { rounds: number; concurrency?: number }): Promise<Workload> {
  const url = testApp.baseUrl;
  const admin = testApp.admin;
  const township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  const community = await testApp.createUnit('东关社区工会', 'community', township);
  const caseworker = await testApp.createUser('caseworker', township, 'li.caseworker');
  const supervisor = await testApp.createUser('supervisor', testApp.rootUnitId, 'wang.supervisor');
  const call = (user: SignedInUser, method: string, path: string, body?: unknown) => http(url, method, path, { token: user.token, body });

  created(await call(admin, 'PUT', `/aid-policies/${testApp.rootUnitId}/approval-threshold`, { thresholdFen: 100_000 }), 'approval threshold', 200);
  // The year's targets, handed down to the township, then one raised and one withdrawn.
  const targets = `/units/${township}/targets/2026`;
  created(
    await call(admin, 'PUT', targets, {
      targets: [
        { metric: 'unions_founded', value: '20' },
        { metric: 'unionization_rate', value: '8000' },
        { metric: 'aid_paid_fen:living_subsidy', value: '50000000' },
      ],
    }),
    'targets',
    200,
  );
  created(await call(admin, 'PUT', targets, { targets: [{ metric: 'unions_founded', value: '25', reason: '市总追加' }] }), 'raised target', 200);
  created(await call(admin, 'POST', `${targets}/withdrawals`, { metrics: ['unionization_rate'] }), 'withdrawn target', 200);
  const fundId = created(
    await call(supervisor, 'POST', '/funds', { unitId: testApp.rootUnitId, source: 'government_allocation', name: '2026年帮扶专项资金' }),
    'fund',
  ).id;
  created(await call(supervisor, 'POST', `/funds/${fundId}/allocations`, { amountFen: 500_000_000, reference: '尧财社〔2026〕9号', receivedOn: '2026-07-01' }), 'allocation');
  const programmeId = created(
    await call(supervisor, 'POST', '/aid-programmes', {
      unitId: testApp.rootUnitId,
      year: 2026,
      kind: 'living_subsidy',
      name: '2026年生活救助',
      householdCapFen: 300_000,
      oneGrantPerHousehold: false,
      eligibility: { recipients: ['worker'], tiers: [], admissionLevels: [] },
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
    }),
    'aid programme',
  ).id;
  // The programme must be on the read side before grants are proposed against it.
  await eventually(async () => created(await call(caseworker, 'GET', `/aid-programmes/${programmeId}`), 'programme shown', 200), 15_000);

  const hardshipFiles: string[] = [];
  const seekers: string[] = [];

  async function round(r: number): Promise<void> {
    const as = (user: SignedInUser) => (method: string, path: string, body?: unknown) => call(user, method, path, body);
    const cw = as(caseworker);
    const sv = as(supervisor);

    // Organizing: three enterprises, one independent union and one joint union.
    const enterprises: string[] = [];
    for (let i = 0; i < 3; i++) {
      enterprises.push(
        created(
          await cw('POST', '/enterprises', {
            name: `尧都区第${r}-${i}号企业有限公司`,
            creditCode: creditCode(r * 3 + i),
            ownership: i === 2 ? 'state_owned' : 'non_public',
            industry: i === 1 ? 'textiles' : 'manufacturing',
            unitId: township,
            employeeCount: 20 + r + i,
            womenEmployeeCount: 5 + i,
          }),
          `enterprise ${r}-${i}`,
        ).id,
      );
    }
    const union = (name: string, kind: string, covered: string[]) =>
      cw('POST', '/unions', {
        name,
        kind,
        unitId: township,
        coveredEnterpriseIds: covered,
        foundedOn: '2026-03-01',
        chairName: '王芳',
        initialMemberCount: 10 + r,
        womenCommitteeFounded: r % 2 === 0,
        auditCommitteeFounded: true,
      });
    const unionId = created(await union(`第${r}号企业工会`, 'independent', [enterprises[0]]), `union ${r}`).id;
    created(await union(`第${r}号联合工会`, 'joint', [enterprises[1], enterprises[2]]), `joint union ${r}`);

    // Bargaining: talks offered, answered, negotiated, signed, adopted, filed (the union must be on the read side).
    const talksId = await eventually(
      async () =>
        created(
          await cw('POST', '/wage-talks', {
            scope: 'enterprise',
            coveredEnterpriseIds: [enterprises[0]],
            initiatingUnionId: unionId,
            offerDate: '2026-04-20',
            topics: ['wage_growth', 'minimum_wage'],
            unitId: township,
          }),
          `wage talks ${r}`,
        ).id as string,
      15_000,
    );
    const steps: [string, Record<string, unknown>][] = [
      ['employer-response', { decision: 'accepted', respondedOn: '2026-04-28', note: '同意协商' }],
      ['rounds', { heldOn: '2026-04-29', summary: '第一轮：工资增长幅度' }],
      ['rounds', { heldOn: '2026-04-30', summary: '第二轮：最低工资' }],
      ['agreement', { signedOn: '2026-04-30', termYears: 2, wageGrowthBasisPoints: 300 + r, minimumMonthlyWageFen: 210_000 }],
      ['adoption', { adoptedOn: '2026-05-01', delegatesPresent: 45, votesFor: 41 }],
      ['filing', { filedOn: '2026-05-01', bureau: '尧都区人力资源和社会保障局' }],
    ];
    for (const [step, body] of steps) created(await cw('POST', `/wage-talks/${talksId}/${step}`, body), `wage talks ${r} ${step}`);

    // Casework: a hardship file, visited, reviewed, with an aid request; every third one leaves the register.
    const fileId = created(
      await cw('POST', '/hardship-files', {
        unitId: community,
        name: `困难职工${r}`,
        residentId: womanId(1975, r),
        gender: 'female',
        phone: `138${String(10_000_000 + r).slice(-8)}`,
        address: `尧都区城关街道解放路${r}号`,
        enterpriseId: enterprises[0],
        householdSize: 3,
        perCapitaMonthlyIncomeFen: 65_000,
        minimumLivingStandardFen: 78_000,
        categories: ['illness', 'single_parent_woman'],
        tier: 'deep',
        illnessDetails: '术后化疗',
        fiveClears: { familySituation: '单亲', causeOfHardship: '本人患病', stateOfMind: '情绪稳定', employmentNeeds: '就近就业', skills: '缝纫' },
        surveyedOn: '2026-05-25',
        nextReviewDue: '2026-11-30',
      }),
      `hardship file ${r}`,
    ).id;
    hardshipFiles.push(fileId);
    created(await cw('POST', `/hardship-files/${fileId}/visits`, { occasion: 'hospitalized', visitedOn: '2026-05-30', visitors: ['王芳', '李娜'], notes: '住院中' }), `visit ${r}`);
    created(
      await sv('POST', `/hardship-files/${fileId}/reviews`, {
        reviewedOn: '2026-07-01',
        outcome: 'still_in_hardship',
        householdSize: 3,
        perCapitaMonthlyIncomeFen: r % 2 ? 120_000 + r * 100 : 60_000 + r,
        minimumLivingStandardFen: 78_000,
        categories: ['illness'],
        tier: r % 2 ? 'relative' : 'deep',
        nextReviewDue: '2026-12-01',
        notes: '病情稳定',
      }),
      `review ${r}`,
    );
    created(
      await cw('POST', `/hardship-files/${fileId}/aid-requests`, { programme: 'medical_aid', amountRequestedFen: 50_000 + r, requestedOn: '2026-07-01', reason: '医疗费用' }),
      `aid request ${r}`,
    );
    if (r % 3 === 0) {
      created(await cw('POST', `/hardship-files/${fileId}/leaving`, { reason: 'government_support', leftOn: '2026-07-01', notes: '纳入兜底保障' }), `leaving ${r}`);
    }

    // Employment: a seeker trained, referred at a fair and directly, and rehired; the detail read is recorded.
    const seekerId = created(
      await cw('POST', '/job-seekers', {
        name: `求职者${r}`,
        phone: `139${String(20_000_000 + r).slice(-8)}`,
        residentId: womanId(1980, r),
        notes: '需照顾孩子',
        kind: r % 2 ? 'migrant_worker' : 'laid_off_worker',
        gender: 'female',
        skills: ['家政', '烹饪'],
        wantedWork: '家政服务',
        unitId: community,
        registeredOn: '2026-03-02',
      }),
      `job seeker ${r}`,
    ).id;
    seekers.push(seekerId);
    const trainingId = created(
      await cw('POST', `/job-seekers/${seekerId}/trainings`, {
        courseType: 'domestic_service',
        courseName: '家政服务员培训班',
        provider: '临汾市第四技校',
        startsOn: '2026-04-01',
        endsOn: '2026-04-30',
      }),
      `training ${r}`,
    ).trainingId;
    created(await cw('POST', `/job-seekers/${seekerId}/trainings/${trainingId}/completion`, { completedOn: '2026-04-30', certified: r % 2 === 0 }), `completion ${r}`, 200);
    const fair = created(
      await cw('POST', '/job-fairs', {
        name: `第${r}场春风行动招聘会`,
        heldOn: '2026-05-08',
        place: '城关街道职工服务中心',
        unitId: township,
        organiser: '城关街道总工会',
        positions: [
          { employer: '尧都区某家政服务有限公司', position: '家政服务员', count: 20 },
          { employer: '临汾市某机械有限公司', position: '电焊工', count: 15 },
        ],
      }),
      `job fair ${r}`,
    );
    created(await cw('POST', `/job-fairs/${fair.id}/positions`, { employer: '某超市', position: '收银员', count: 8 }), `fair position ${r}`);
    await eventually(async () => created(await cw('GET', `/job-fairs/${fair.id}`), `fair ${r} shown`, 200), 15_000);
    const direct = created(await cw('POST', `/job-seekers/${seekerId}/referrals`, { employer: '某物流公司', position: '搬运工', referredOn: '2026-05-06' }), `referral ${r}`);
    created(await cw('POST', `/job-seekers/${seekerId}/referrals/${direct.referralId}/outcome`, { outcome: 'not_hired', recordedOn: '2026-05-07' }), `outcome ${r}`, 200);
    const referral = created(
      await cw('POST', `/job-seekers/${seekerId}/referrals`, { fairId: fair.id, positionId: fair.positionIds[0], referredOn: '2026-05-08' }),
      `fair referral ${r}`,
    );
    if (r % 4 !== 3) {
      created(
        await cw('POST', `/job-seekers/${seekerId}/rehiring`, {
          employer: '尧都区某家政服务有限公司',
          position: '家政服务员',
          startedOn: '2026-06-01',
          channel: 'job_fair',
          fairId: fair.id,
          referralId: referral.referralId,
        }),
        `rehiring ${r}`,
      );
    }
    created(await cw('GET', `/job-seekers/${seekerId}`), `seeker ${r} read`, 200);

    // Funds: one grant within the threshold, one above it approved by the supervisor; both paid.
    const propose = (index: number, amountFen: number) =>
      cw('POST', '/aid-grants', {
        programmeId,
        fundId,
        recipient: { kind: 'worker', unitId: township, name: `职工${r}-${index}`, residentId: womanId(1985 + index, r) },
        amountFen,
        reason: '家庭生活困难',
      });
    const small = created(await propose(0, 80_000 + r), `small grant ${r}`);
    const large = created(await propose(1, 250_000), `large grant ${r}`);
    created(await sv('POST', `/aid-grants/${large.id}/approval`), `approval ${r}`, 200);
    created(await cw('POST', `/aid-grants/${small.id}/disbursement`, { method: 'cash', receiptReference: `XJ-${r}`, paidOn: '2026-07-01' }), `cash ${r}`, 200);
    if (r % 2 === 0) {
      created(await cw('POST', `/aid-grants/${large.id}/disbursement`, { method: 'bank_transfer', receiptReference: `YH-${r}`, paidOn: '2026-07-01' }), `transfer ${r}`, 200);
    }

    // Identity: now and then a unit, an account, and a sign-in that fails.
    if (r % 10 === 0) {
      const unitId = created(await as(admin)('POST', '/units', { name: `第${r}社区工会`, level: 'community', parentId: township }), `unit ${r}`).id;
      await testApp.createUser('caseworker', unitId, `caseworker.${r}`);
      const refused = await http(url, 'POST', '/auth/tokens', { body: { username: `caseworker.${r}`, password: 'not-the-password-at-all' } });
      if (refused.status !== 401) throw new Error(`A wrong password was answered ${refused.status}`);
    }
  }

  let next = 0;
  const workers = Array.from({ length: options.concurrency ?? 3 }, async () => {
    for (let r = next++; r < options.rounds; r = next++) await round(r);
  });
  await Promise.all(workers);

  // Two persons erased: their names and masked numbers leave every read model.
  for (const [path, id] of [['hardship-files', hardshipFiles[0]], ['job-seekers', seekers[0]]] as const) {
    const { personId } = created(await call(caseworker, 'GET', `/${path}/${id}`), `${path} detail`, 200);
    created(await call(admin, 'POST', `/persons/${personId}/erasure`, { reason: 'data_subject_request' }), 'erasure', 200);
  }
  // The supervisor signs in again: one more session event after the rest.
  await signIn(url, supervisor.username, supervisor.password);
  return { township, rounds: options.rounds };
}
