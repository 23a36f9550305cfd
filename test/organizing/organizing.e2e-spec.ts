import { EventStore, formatPosition } from '#event-store';
import { readLog, settleLog } from '../support/event-log.js';
import { api as http, eventually, startTestApp, testEventStoreKind, type SignedInUser, type TestApp } from '../support/test-app.js';

let testApp: TestApp;
let url: string;
let township: string;
let otherTownship: string;
let caseworker: SignedInUser;

beforeAll(async () => {
  testApp = await startTestApp();
  url = testApp.baseUrl;
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  otherTownship = await testApp.createUnit('西街街道总工会', 'township', testApp.rootUnitId);
  caseworker = await testApp.createUser('caseworker', township, 'li.caseworker');
});

/** As the township's caseworker unless another token is given. */
const api: typeof http = (base, method, path, options = {}) => http(base, method, path, { token: caseworker.token, ...options });

afterAll(async () => {
  await testApp.close();
});

// Valid unified social credit codes (check characters computed per GB 32100-2015).
const CODES = ['91350100M000100Y43', '91110000600037341L', '91110108551385082Q', '91110108700001234Q', '91141002MA0K1234XD'];

function enterprise(creditCode: string, overrides: Record<string, unknown> = {}) {
  return {
    name: `企业${creditCode.slice(-4)}`,
    creditCode,
    ownership: 'non_public',
    industry: 'manufacturing',
    unitId: township,
    employeeCount: 50,
    womenEmployeeCount: 20,
    ...overrides,
  };
}

function union(coveredEnterpriseIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    name: '城关街道联合工会',
    kind: coveredEnterpriseIds.length > 1 ? 'joint' : 'independent',
    unitId: township,
    coveredEnterpriseIds,
    foundedOn: '2026-05-20',
    chairName: '王芳',
    initialMemberCount: 30,
    womenCommitteeFounded: true,
    auditCommitteeFounded: true,
    ...overrides,
  };
}

async function logSize(): Promise<number> {
  return (await readLog(testApp)).length;
}

async function register(creditCode: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await api(url, 'POST', '/enterprises', { body: enterprise(creditCode, overrides) });
  expect(response.status).toBe(201);
  return response.body.id;
}

describe('organizing over HTTP', () => {
  let first: string;
  let second: string;
  /** Set by the race below: whether the joint union (which also covers a second enterprise) won. */
  let jointUnionWonTheRace = false;

  beforeAll(async () => {
    first = await register(CODES[0]);
    second = await register(CODES[1], { employeeCount: 12, womenEmployeeCount: 7 });
  });

  it('registers an enterprise, records the acting user on the event, and lists it once projected', async () => {
    const events = await testApp.app.get(EventStore).readStream(`enterprise-${first}`);
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('EnterpriseRegistered');
    expect(events[0].metadata).toMatchObject({ actor: caseworker.userId, schemaVersion: 1 });
    expect(events[0].metadata.correlationId).toEqual(expect.any(String));

    const listed = await eventually(async () => {
      const response = await api(url, 'GET', `/enterprises?unitId=${township}&status=not_unionized`);
      expect(response.body.items.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([first, second]));
      return response;
    });
    expect(listed.status).toBe(200);
    const detail = await api(url, 'GET', `/enterprises/${first}`);
    expect(detail.body).toMatchObject({ id: first, creditCode: CODES[0], status: 'not_unionized', revision: 0 });
    expect(detail.headers.get('etag')).toBe('"0"');
  });

  it('refuses a second enterprise with the same credit code with 409 naming the existing one', async () => {
    const before = await logSize();
    const response = await api(url, 'POST', '/enterprises', { body: enterprise(CODES[0], { name: '另一家' }) });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'ORGANIZING.CREDIT_CODE_TAKEN', existingEnterpriseId: first });
    expect(await logSize()).toBe(before);
  });

  it('answers bad input with a problem document naming each field, and appends nothing', async () => {
    const before = await logSize();
    const badCode = await api(url, 'POST', '/enterprises', { body: enterprise('91350100M000100Y44') });
    expect(badCode.status).toBe(400);
    expect(badCode.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(badCode.body.errors).toEqual([
      { field: 'creditCode', reason: 'not a valid unified social credit code: check character is "4" but must be "3"' },
    ]);

    const malformed = await api(url, 'POST', '/unions', { rawBody: '{"name": "工会",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'BODY_MALFORMED', errors: [{ field: 'body' }] });

    const wrongTypes = await api(url, 'POST', '/unions', { body: { ...union([first]), initialMemberCount: 'many', kind: 'club' } });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['initialMemberCount', 'kind']);

    const unknownEnterprise = await api(url, 'POST', '/unions', {
      body: union([first, '7f1d3a52-9a8e-4c47-b1a4-2d6f0c9e8b11']),
    });
    expect(unknownEnterprise.status).toBe(422);
    expect(unknownEnterprise.body).toMatchObject({
      code: 'ORGANIZING.ENTERPRISE_NOT_FOUND',
      errors: [{ field: 'coveredEnterpriseIds[1]' }],
    });

    const jointOfOne = await api(url, 'POST', '/unions', { body: union([first], { kind: 'joint' }) });
    expect(jointOfOne.status).toBe(422);
    expect(jointOfOne.body.code).toBe('ORGANIZING.JOINT_NEEDS_TWO');

    const noSession = await http(url, 'POST', '/enterprises', { body: enterprise(CODES[4]) });
    expect(noSession.status).toBe(401);
    expect(noSession.body).toMatchObject({ code: 'IDENTITY.NOT_SIGNED_IN', errors: [{ field: 'session', reason: expect.any(String) }] });

    const unitElsewhere = await api(url, 'POST', '/enterprises', { body: enterprise(CODES[4], { unitId: otherTownship }) });
    expect(unitElsewhere.status).toBe(422);
    expect(unitElsewhere.body).toMatchObject({ code: 'IDENTITY.UNIT_OUT_OF_SCOPE', errors: [{ field: 'unitId' }] });

    expect((await api(url, 'GET', '/enterprises/not-a-uuid')).status).toBe(400);
    expect((await api(url, 'GET', '/unions/7f1d3a52-9a8e-4c47-b1a4-2d6f0c9e8b11')).status).toBe(404);
    expect(await logSize()).toBe(before);
  });

  it('refuses input the database could not store, bodies that are not JSON objects, and oversized bodies', async () => {
    const before = await logSize();
    const nul = await api(url, 'POST', '/enterprises', { body: enterprise(CODES[4], { name: 'a\u0000b' }) });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ field: 'name', reason: 'contains a NUL character or a broken surrogate pair' }]);

    const loneSurrogate = await api(url, 'POST', '/unions', { rawBody: JSON.stringify(union([first])).replace('王芳', '\\ud800') });
    expect(loneSurrogate.status).toBe(400);
    expect(loneSurrogate.body.errors[0].field).toBe('chairName');

    const hidden = await api(url, 'POST', '/enterprises', {
      rawBody: JSON.stringify(enterprise(CODES[4])).replace(/}$/, ',"__proto__":{"employeeCount":"lots"},"toString":1}'),
    });
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors).toEqual([
      { field: '__proto__', reason: 'is not a field' },
      { field: 'toString', reason: 'is not a field' },
    ]);

    const mergePatch = await api(url, 'POST', '/enterprises', { rawBody: '{"name":1}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(mergePatch.status).toBe(400);
    expect(mergePatch.body.errors.map((e: { field: string }) => e.field)).toContain('name');

    const array = await api(url, 'POST', '/enterprises', { rawBody: '[]' });
    expect(array.status).toBe(400);
    expect(array.body.errors).toEqual([{ field: 'body', reason: 'must be a JSON object' }]);

    const missing = await api(url, 'POST', '/enterprises', { body: { name: '只有名字' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toContainEqual({ field: 'creditCode', reason: 'is required' });

    const plainText = await api(url, 'POST', '/enterprises', { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(plainText.status).toBe(415);

    const huge = await api(url, 'POST', '/enterprises', { body: enterprise(CODES[4], { name: '大'.repeat(200_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('BODY_TOO_LARGE');

    const nulQuery = await api(url, 'GET', '/enterprises?search=%00');
    expect(nulQuery.status).toBe(400);
    expect(await logSize()).toBe(before);
  });

  it('records a survey with If-Match, and refuses a stale ETag with 412', async () => {
    const survey = { reason: '企业负责人认识不足', targetDate: '2026-12-31', surveyedOn: '2026-04-10' };
    const recorded = await api(url, 'POST', `/enterprises/${second}/surveys`, { body: survey, headers: { 'if-match': '"0"' } });
    expect(recorded.status).toBe(201);
    expect(recorded.headers.get('etag')).toBe('"1"');

    const stale = await api(url, 'POST', `/enterprises/${second}/surveys`, { body: survey, headers: { 'if-match': '"0"' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"1"' });

    await eventually(async () => {
      const detail = await api(url, 'GET', `/enterprises/${second}`);
      expect(detail.body.survey).toEqual(survey);
      expect(detail.headers.get('etag')).toBe('"1"');
    });

    const history = await api(url, 'GET', `/enterprises/${second}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((entry: { type: string; revision: number; actor: string }) => [entry.type, entry.revision, entry.actor])).toEqual([
      ['EnterpriseRegistered', 0, caseworker.userId],
      ['UnionizationSurveyRecorded', 1, caseworker.userId],
    ]);
    expect(history.body[1].data).toMatchObject(survey);
    expect((await api(url, 'GET', '/enterprises/7f1d3a52-9a8e-4c47-b1a4-2d6f0c9e8b11/history')).status).toBe(404);
  });

  it('lets only one of two concurrent foundings covering the same enterprise succeed', async () => {
    const contested = await register(CODES[2]);
    const other = await register(CODES[3], { employeeCount: 8, womenEmployeeCount: 3 });
    const before = await logSize();
    const [a, b] = await Promise.all([
      api(url, 'POST', '/unions', { body: union([contested], { name: '甲工会' }) }),
      api(url, 'POST', '/unions', { body: union([contested, other], { name: '乙联合工会' }) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.code).toBe('ORGANIZING.ENTERPRISE_ALREADY_UNIONIZED');
    // The winner wrote UnionFounded plus one EnterpriseUnionized per covered enterprise; the loser wrote nothing.
    const winner = a.status === 201 ? a : b;
    jointUnionWonTheRace = winner === b;
    const covered = winner === a ? 1 : 2;
    expect(await logSize()).toBe(before + 1 + covered);
  });

  it('founds a joint union, shows it with its enterprises, and counts it in the figures', async () => {
    const third = await register('91320000134756102A', { ownership: 'foreign_funded', employeeCount: 80 });
    const founded = await api(url, 'POST', '/unions', { body: union([first, third], { initialMemberCount: 100 }) });
    expect(founded.status).toBe(201);
    expect(founded.headers.get('location')).toBe(`/api/unions/${founded.body.id}`);

    const detail = await eventually(async () => {
      const response = await api(url, 'GET', `/unions/${founded.body.id}`);
      expect(response.status).toBe(200);
      return response;
    });
    expect(detail.body).toMatchObject({ kind: 'joint', coveredEnterpriseCount: 2, initialMemberCount: 100, status: 'active' });
    expect(detail.body.coveredEnterprises.map((e: { id: string }) => e.id).sort()).toEqual([first, third].sort());

    // Non-public and registered: first, second, contested, other, third. Unionized: first, third, contested,
    // and `other` too when the joint union won the race.
    const unionized = jointUnionWonTheRace ? 4 : 3;
    const figures = await eventually(async () => {
      const response = await api(url, 'GET', `/figures/organizing?year=2026&unitId=${township}`);
      expect(response.body.nonPublicUnionization.unionized).toBe(unionized);
      return response.body;
    });
    expect(figures.nonPublicUnionization.registered).toBe(5);
    expect(figures.nonPublicUnionization.ratePercent).toBe(unionized === 4 ? 80 : 60);
    // `other` has 8 employees, so it is outside the 10+ rate whichever union won.
    expect(figures.nonPublicTenOrMoreUnionization).toEqual({ registered: 4, unionized: 3, ratePercent: 75 });
    expect(figures.newUnions).toMatchObject({
      total: 2,
      byKind: { joint: jointUnionWonTheRace ? 2 : 1, independent: jointUnionWonTheRace ? 0 : 1 },
      enterprisesCovered: unionized,
    });

    const elsewhere = await api(url, 'GET', `/figures/organizing?year=2026&unitId=${otherTownship}`);
    expect(elsewhere.body.newUnions.total).toBe(0);
    expect(elsewhere.body.nonPublicUnionization.ratePercent).toBeNull();
    expect((await api(url, 'GET', '/figures/organizing?year=abc')).status).toBe(400);
  });

  it('reports health with the database up and the projector caught up', async () => {
    const health = await eventually(async () => {
      const response = await api(url, 'GET', '/health');
      for (const projection of response.body.projections) expect(projection.eventsBehind).toBe(0);
      return response;
    });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up' }, eventStore: { kind: testEventStoreKind(), status: 'up' } });
    // The head it reports is the event store's own (the newest event in the log), whichever adapter the app runs on.
    await eventually(async () => {
      await settleLog(testApp);
      const reported = (await api(url, 'GET', '/health')).body.eventStore.headPosition;
      expect(reported).toBe(formatPosition((await readLog(testApp)).at(-1)!.position));
    });
    expect(health.body.projections.map((p: { projection: string }) => p.projection).sort()).toEqual(['bargaining', 'casework', 'employment', 'funds', 'identity', 'organizing', 'statistics', 'unit_targets']);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const document = await api(url, 'GET', '/openapi.json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/unions', '/api/enterprises/{id}/surveys']));
    const ui = await fetch(`${url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
  });
});
