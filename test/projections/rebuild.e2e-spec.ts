import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore } from '#event-store';
import { PROJECTIONS, ProjectionRebuilder, type Projection } from '#projections';
import { ProjectorService } from '../../apps/api/src/projector/projector.service.js';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { settleLog } from '../support/event-log.js';
import { residentId } from '../support/resident-ids.js';
import { api, eventually, startTestApp, type ApiResponse, type SignedInUser, type TestApp } from '../support/test-app.js';

/**
 * Rebuilding the hardship register (the casework projection) through the admin route while caseworkers keep
 * listing, reading and recording visits: every request succeeds, the rebuilt table holds what the live one held
 * plus what was recorded meanwhile, and the projector carries on into it.
 */
const clock = new ManualClock('2026-06-01T02:00:00Z');
const FILES = 30;
let testApp: TestApp;
let caseworker: SignedInUser;
let community: string;
let enterpriseId: string;
const fileIds: string[] = [];
/** Between the survey and today. */
const VISIT_DAYS = ['2026-05-26', '2026-05-27', '2026-05-28', '2026-05-29', '2026-05-30', '2026-05-31', '2026-06-01'];
/** Visits recorded per file, as the API acknowledged them. */
const visits = new Map<string, number>();

const asCaseworker = (method: string, path: string, body?: unknown) => api(testApp.baseUrl, method, path, { token: caseworker.token, body });
const asAdmin = (method: string, path: string) => api(testApp.baseUrl, method, path, { token: testApp.admin.token });

function fileBody(index: number) {
  return {
    unitId: community,
    name: `测试${index}`,
    // Women: the 17th digit is even.
    residentId: residentId(`14100219800101${String(index * 2).padStart(3, '0')}`),
    gender: 'female',
    phone: '13812345678',
    address: '尧都区城关街道解放路12号',
    enterpriseId,
    householdSize: 3,
    perCapitaMonthlyIncomeFen: 65_000,
    minimumLivingStandardFen: 78_000,
    categories: ['illness'],
    tier: 'deep',
    illnessDetails: '慢性病',
    fiveClears: { familySituation: '一子读高中', causeOfHardship: '患病', stateOfMind: '稳定', employmentNeeds: '就近就业', skills: '缝纫' },
    surveyedOn: '2026-05-25',
    nextReviewDue: '2026-11-30',
  };
}

async function recordVisit(fileId: string, day: number): Promise<ApiResponse> {
  const response = await asCaseworker('POST', `/hardship-files/${fileId}/visits`, {
    occasion: 'festival',
    visitedOn: VISIT_DAYS[day % VISIT_DAYS.length],
    visitors: ['王芳'],
  });
  if (response.status === 201) visits.set(fileId, (visits.get(fileId) ?? 0) + 1);
  return response;
}

async function hardshipFiles(): Promise<Record<string, unknown>[]> {
  const { rows } = await testApp.database.pool.query(`SELECT * FROM read_model.hardship_files ORDER BY id`);
  return rows;
}

async function settle(): Promise<void> {
  await settleLog(testApp);
  await testApp.app.get(ProjectorService).waitFor(await testApp.app.get(EventStore).headPosition(), 20_000);
}

async function caseworkStatus() {
  const overview = await asAdmin('GET', '/admin/projections');
  expect(overview.status).toBe(200);
  return overview.body.find((entry: { name: string }) => entry.name === 'casework');
}

beforeAll(async () => {
  // One event per transaction, so the rebuild takes many while the requests go on.
  testApp = await startTestApp({ clock, projectionRebuild: { maxBatchSize: 1 } });
  const township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  community = await testApp.createUnit('东关社区工会', 'community', township);
  caseworker = await testApp.createUser('caseworker', township, 'li.caseworker');
  const registered = await asCaseworker('POST', '/enterprises', {
    name: '临汾市尧都区纺织有限公司',
    creditCode: '91350100M000100Y43',
    ownership: 'non_public',
    industry: 'textiles',
    unitId: township,
    employeeCount: 60,
    womenEmployeeCount: 41,
  });
  expect(registered.status).toBe(201);
  enterpriseId = registered.body.id;
  for (let index = 0; index < FILES; index++) {
    const opened = await asCaseworker('POST', '/hardship-files', fileBody(index));
    expect(opened.status).toBe(201);
    fileIds.push(opened.body.id);
    for (let visit = 0; visit < index % 3; visit++) expect((await recordVisit(opened.body.id, 1 + visit)).status).toBe(201);
  }
  await settle();
}, 120_000);

afterAll(async () => {
  await testApp?.close();
});

describe('rebuilding a projection while the API answers', () => {
  it('is for admins only, knows its projections, and refuses a second rebuild of the same projection', async () => {
    expect((await asCaseworker('POST', '/admin/projections/casework/rebuild')).status).toBe(403);
    expect((await asCaseworker('GET', '/admin/projections')).status).toBe(403);
    const unknown = await asAdmin('POST', '/admin/projections/nonesuch/rebuild');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'PROJECTION.NOT_FOUND' });

    // A rebuild held elsewhere (as the command line would hold it): the route answers 409 and the overview shows it.
    const rebuilder = new ProjectionRebuilder(testApp.app.get(EventStore), testApp.app.get<DataSource>(getDataSourceToken()));
    const casework = testApp.app.get<Projection[]>(PROJECTIONS).find((projection) => projection.name === 'casework')!;
    const held = await rebuilder.tryStart(casework);
    try {
      const refused = await asAdmin('POST', '/admin/projections/casework/rebuild');
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ status: 409, code: 'PROJECTION.REBUILD_RUNNING' });
      expect((await caseworkStatus()).rebuild).toMatchObject({ running: true, current: null });
    } finally {
      await held!.release();
    }

    const overview = await asAdmin('GET', '/admin/projections');
    expect(overview.body.map((entry: { name: string }) => entry.name)).toEqual(
      expect.arrayContaining(['identity', 'organizing', 'bargaining', 'casework', 'employment', 'funds']),
    );
    expect(await caseworkStatus()).toMatchObject({
      version: 1,
      builtVersion: 1,
      rebuildRecommended: false,
      tables: ['hardship_files'],
      eventsBehind: 0,
      rebuild: { running: false, current: null, lastFinished: null, lastRebuiltAt: null },
    });
  });

  it('keeps answering every request while the hardship register is rebuilt, and the rebuilt table holds it all', async () => {
    const before = await hardshipFiles();
    const failures: string[] = [];
    let requests = 0;
    let requestsWhileRunning = 0;
    let rebuilding = true;
    let running = false;
    const check = (what: string, response: ApiResponse) => {
      requests++;
      if (running) requestsWhileRunning++;
      if (response.status < 200 || response.status >= 300) failures.push(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    };
    const touched = new Set<string>();
    const load = (async () => {
      for (let round = 0; rebuilding || round < 3; round++) {
        const fileId = fileIds[round % fileIds.length];
        check('list', await asCaseworker('GET', `/hardship-files?page=${1 + (round % 3)}&pageSize=10`));
        check('detail', await asCaseworker('GET', `/hardship-files/${fileId}`));
        check('figures', await asCaseworker('GET', '/figures/hardship'));
        check('enterprises', await asCaseworker('GET', '/enterprises'));
        if (round % 2 === 0) {
          touched.add(fileId);
          check('visit', await recordVisit(fileId, 10 + (round % 15)));
        }
      }
    })();

    const started = await asAdmin('POST', '/admin/projections/casework/rebuild');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ projection: 'casework', state: 'building', error: null });
    running = true;
    const finished = await eventually(async () => {
      const status = await caseworkStatus();
      expect(status.rebuild.running).toBe(false);
      return status;
    }, 60_000);
    running = false;
    rebuilding = false;
    await load;

    expect(failures).toEqual([]);
    expect(requestsWhileRunning).toBeGreaterThan(0);
    expect(finished.rebuild.lastFinished).toMatchObject({ projection: 'casework', state: 'succeeded', error: null });
    expect(finished.rebuild.lastFinished.eventsApplied).toBeGreaterThan(FILES);
    expect(finished.rebuild.lastRebuiltAt).not.toBeNull();

    // The rebuilt table: every file as before, with the visits recorded during the rebuild counted once each.
    await settle();
    const after = await hardshipFiles();
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    for (const row of after) {
      expect({ id: row.id, visits: row.visit_count }).toEqual({ id: row.id, visits: visits.get(String(row.id)) ?? 0 });
    }
    const untouched = (rows: Record<string, unknown>[]) => rows.filter((row) => !touched.has(String(row.id)));
    expect(untouched(after)).toEqual(untouched(before));
    // ... and exactly what a fresh replay of the whole log gives (a second rebuild, the live projector running beside it).
    const again = await asAdmin('POST', '/admin/projections/casework/rebuild');
    expect(again.status).toBe(202);
    await eventually(async () => expect((await caseworkStatus()).rebuild.running).toBe(false), 60_000);
    await settle();
    expect(await hardshipFiles()).toEqual(after);

    // An event appended after the swap lands in the new table.
    const fileId = fileIds[1];
    expect((await recordVisit(fileId, 28)).status).toBe(201);
    await settle();
    const detail = await asCaseworker('GET', `/hardship-files/${fileId}`);
    expect(detail.status).toBe(200);
    const [row] = (await hardshipFiles()).filter((candidate) => candidate.id === fileId);
    expect(row.visit_count).toBe(visits.get(fileId));
  }, 180_000);
});
