import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { TARGET_SOURCE, type TargetSource } from '#statistics';
import { readLog } from '../support/event-log.js';
import { api, eventually, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

/** 目标任务: an admin sets a township's targets for a year as events; everyone in scope reads them, now or as of a past day. */
const clock = new ManualClock('2026-01-05T02:00:00Z');
let testApp: TestApp;
let township: string;
let otherTownship: string;
let townshipAdmin: SignedInUser;
let supervisor: SignedInUser;
let otherCaseworker: SignedInUser;

const path = (unitId: string, year: number | string = 2026) => `/units/${unitId}/targets/${year}`;
const put = (user: SignedInUser, unitId: string, targets: unknown[], headers: Record<string, string> = {}) =>
  api(testApp.baseUrl, 'PUT', path(unitId), { token: user.token, body: { targets }, headers });
const get = (user: SignedInUser, suffix: string) => api(testApp.baseUrl, 'GET', suffix, { token: user.token });
const targetEvents = async () => (await readLog(testApp)).filter((event) => event.type === 'TargetSet' || event.type === 'TargetWithdrawn');

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  otherTownship = await testApp.createUnit('西街街道总工会', 'township', testApp.rootUnitId);
  townshipAdmin = await testApp.createUser('admin', township, 'township.admin');
  supervisor = await testApp.createUser('supervisor', township, 'township.chair');
  otherCaseworker = await testApp.createUser('caseworker', otherTownship, 'west.caseworker');
}, 60_000);

afterAll(async () => {
  await testApp?.close();
});

describe('targets of a unit for a year', () => {
  it('sets several targets in one request, one event each, and reads them back with who set them and when', async () => {
    const response = await put(testApp.admin, township, [
      { metric: 'unions_founded', value: '79', reason: '市总工会2026年下达目标' },
      { metric: 'unionization_rate', value: '7210' },
      { metric: 'aid_paid_fen:winter_warmth', value: '12550000' },
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ unitId: township, year: 2026, revision: 2, changed: ['unions_founded', 'unionization_rate', 'aid_paid_fen:winter_warmth'] });
    expect(response.headers.get('etag')).toBe('"2"');
    const events = await targetEvents();
    expect(events.map((event) => [event.streamName, event.type, event.data.metric, event.data.value, event.data.previousValue])).toEqual([
      [`unit_targets-${township}-2026`, 'TargetSet', 'unions_founded', '79', null],
      [`unit_targets-${township}-2026`, 'TargetSet', 'unionization_rate', '7210', null],
      [`unit_targets-${township}-2026`, 'TargetSet', 'aid_paid_fen:winter_warmth', '12550000', null],
    ]);

    const read = await eventually(async () => {
      const view = await get(supervisor, path(township));
      expect(view.body.targets).toHaveLength(3);
      return view;
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"2"');
    expect(read.body).toMatchObject({ unitId: township, unitName: '城关街道总工会', year: 2026, asOf: null, revision: 2 });
    expect(read.body.targets).toEqual([
      {
        metric: 'unions_founded',
        measure: 'count',
        label: { zh: '新建基层工会', en: 'New grassroots unions' },
        value: '79',
        reason: '市总工会2026年下达目标',
        setAt: '2026-01-05T02:00:00.000Z',
        setBy: { userId: testApp.admin.userId, username: 'admin', displayName: '系统管理员' },
      },
      expect.objectContaining({ metric: 'unionization_rate', measure: 'basis_points', value: '7210', reason: null }),
      expect.objectContaining({ metric: 'aid_paid_fen:winter_warmth', measure: 'fen', value: '12550000' }),
    ]);
  });

  it('records nothing when a value is unchanged, and a change as a new event naming the value it replaces', async () => {
    const before = (await targetEvents()).length;
    const same = await put(testApp.admin, township, [{ metric: 'unions_founded', value: '79' }]);
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ revision: 2, position: null, changed: [] });
    expect(await targetEvents()).toHaveLength(before);

    // Minutes apart, not months: sessions go idle after half an hour of the app's clock.
    clock.set('2026-01-05T02:10:00Z');
    const changed = await put(townshipAdmin, township, [
      { metric: 'unions_founded', value: '85', reason: '年中调整' },
      { metric: 'unionization_rate', value: '7210' },
      { metric: 'people_rehired', value: '300' },
    ]);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ revision: 4, changed: ['unions_founded', 'people_rehired'] });
    const events = await targetEvents();
    expect(events.slice(before).map((event) => event.data)).toEqual([
      { unitId: township, year: 2026, metric: 'unions_founded', value: '85', previousValue: '79', reason: '年中调整' },
      { unitId: township, year: 2026, metric: 'people_rehired', value: '300', previousValue: null },
    ]);
  });

  it('withdraws a target, and keeps every change in the history', async () => {
    clock.set('2026-01-05T02:20:00Z');
    const withdrawn = await api(testApp.baseUrl, 'POST', `${path(township)}/withdrawals`, {
      token: townshipAdmin.token,
      body: { metrics: ['people_rehired', 'people_trained'], reason: '并入就业援助专项' },
      headers: { 'if-match': '"4"' },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ revision: 5, changed: ['people_rehired'] });

    const history = await eventually(async () => {
      const view = await get(supervisor, `${path(township)}/history`);
      expect(view.body.changes).toHaveLength(6);
      return view.body;
    });
    expect(history.changes.map((change: any) => [change.revision, change.change, change.metric, change.value, change.previousValue, change.recordedBy.username])).toEqual([
      [0, 'set', 'unions_founded', '79', null, 'admin'],
      [1, 'set', 'unionization_rate', '7210', null, 'admin'],
      [2, 'set', 'aid_paid_fen:winter_warmth', '12550000', null, 'admin'],
      [3, 'set', 'unions_founded', '85', '79', 'township.admin'],
      [4, 'set', 'people_rehired', '300', null, 'township.admin'],
      [5, 'withdrawn', 'people_rehired', null, '300', 'township.admin'],
    ]);
    expect(history.changes[5]).toMatchObject({ reason: '并入就业援助专项', recordedAt: '2026-01-05T02:20:00.000Z' });
  });

  it('reads the targets in force as of a past instant or day', async () => {
    const values = async (query: string) =>
      Object.fromEntries(((await get(supervisor, `${path(township)}${query}`)).body.targets as any[]).map((target) => [target.metric, target.value]));
    expect(await values('?asOf=2026-01-04')).toEqual({});
    expect(await values('?asOf=2026-01-05T02:05:00Z')).toEqual({ unions_founded: '79', unionization_rate: '7210', 'aid_paid_fen:winter_warmth': '12550000' });
    expect(await values('?asOf=2026-01-05T10:15:00%2B08:00')).toEqual({ unions_founded: '85', unionization_rate: '7210', 'aid_paid_fen:winter_warmth': '12550000', people_rehired: '300' });
    const now = { unions_founded: '85', unionization_rate: '7210', 'aid_paid_fen:winter_warmth': '12550000' };
    expect(await values('')).toEqual(now);
    // A date means the end of that day in Asia/Shanghai.
    expect(await values('?asOf=2026-01-05')).toEqual(now);
    const early = await get(supervisor, `${path(township)}?asOf=2026-01-05T01:59:59Z`);
    expect(early.body).toMatchObject({ asOf: '2026-01-05T01:59:59.000Z', revision: null, targets: [] });
  });

  it('gives the dashboard the targets in force per unit through TARGET_SOURCE', async () => {
    const source = testApp.app.get<TargetSource>(TARGET_SOURCE);
    const now = await source.targetsFor([township, otherTownship], 2026);
    expect([...now.keys()]).toEqual([township]);
    expect(Object.fromEntries(now.get(township)!)).toEqual({ unions_founded: 85n, unionization_rate: 7210n, 'aid_paid_fen:winter_warmth': 12550000n });
    const then = await source.targetsFor([township], 2026, new Date('2026-01-05T02:15:00Z'));
    expect(then.get(township)!.get('people_rehired')).toBe(300n);
    expect((await source.targetsFor([township], 2025)).size).toBe(0);
  });

  it('refuses a stale If-Match with 412 and records nothing', async () => {
    const before = (await targetEvents()).length;
    const stale = await put(testApp.admin, township, [{ metric: 'people_trained', value: '500' }], { 'if-match': '"2"' });
    expect(stale.status).toBe(412);
    expect(await targetEvents()).toHaveLength(before);
  });

  it('refuses bad entries as a whole, naming each field, with problem details', async () => {
    const before = (await targetEvents()).length;
    const bad = await put(testApp.admin, township, [
      { metric: 'people_trained', value: '500' },
      { metric: 'no_such_metric', value: '1' },
      { metric: 'aid_paid_fen', value: '12.5' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(['targets[1].metric', 'targets[2].value']);

    const rate = await put(testApp.admin, township, [{ metric: 'wage_talks_coverage_rate', value: '10001' }]);
    expect(rate.status).toBe(400);
    expect(JSON.stringify(rate.body)).toContain('must be at most 10000');
    const repeated = await put(testApp.admin, township, [
      { metric: 'people_trained', value: '1' },
      { metric: 'people_trained', value: '2' },
    ]);
    expect(repeated.status).toBe(400);
    expect(JSON.stringify(repeated.body)).toContain('repeats targets[0]');
    expect((await put(testApp.admin, township, [])).status).toBe(400);
    expect((await api(testApp.baseUrl, 'PUT', path(township, 1999), { token: testApp.admin.token, body: { targets: [{ metric: 'people_trained', value: '1' }] } })).status).toBe(400);
    expect((await api(testApp.baseUrl, 'PUT', path(township, 'next'), { token: testApp.admin.token, body: { targets: [{ metric: 'people_trained', value: '1' }] } })).status).toBe(400);
    expect(await targetEvents()).toHaveLength(before);
  });

  it('lets only admins set targets, only for units in their scope, and shows targets only within the reader’s scope', async () => {
    expect((await put(supervisor, township, [{ metric: 'people_trained', value: '500' }])).status).toBe(403);
    const outside = await put(townshipAdmin, otherTownship, [{ metric: 'people_trained', value: '500' }]);
    expect(outside.status).toBe(422);
    const unknown = await put(testApp.admin, '7f1d3a52-9a8e-4c47-b1a4-2d6f0c9e8b11', [{ metric: 'people_trained', value: '500' }]);
    expect(unknown.status).toBe(422);
    expect((await get(otherCaseworker, path(township))).status).toBe(404);
    expect((await get(otherCaseworker, `${path(township)}/history`)).status).toBe(404);
    expect((await get(otherCaseworker, path(otherTownship))).body).toMatchObject({ unitId: otherTownship, targets: [] });
    expect((await get(supervisor, `${path(township)}?asOf=yesterday`)).status).toBe(400);
  });
});
