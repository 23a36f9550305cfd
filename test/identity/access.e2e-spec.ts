import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_RULE } from '#http';
import { EventStore } from '#event-store';
import { AccessAudit } from '#identity';
import { readLog } from '../support/event-log.js';
import { api, eventually, signIn, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

let testApp: TestApp;
let url: string;
let townshipA: string;
let townshipB: string;
let caseworkerA: SignedInUser;
let caseworkerB: SignedInUser;
let auditorA: SignedInUser;
let rootAuditor: SignedInUser;

const CODE_A = '91350100M000100Y43';
const CODE_B = '91110000600037341L';

function enterprise(creditCode: string, unitId: string, name: string) {
  return { name, creditCode, ownership: 'non_public', industry: 'textiles', unitId, employeeCount: 40, womenEmployeeCount: 12 };
}

function union(enterpriseId: string, unitId: string, name: string) {
  return {
    name,
    kind: 'independent',
    unitId,
    coveredEnterpriseIds: [enterpriseId],
    foundedOn: '2026-03-08',
    chairName: '王芳',
    initialMemberCount: 20,
    womenCommitteeFounded: true,
    auditCommitteeFounded: true,
  };
}

let enterpriseA: string;
let enterpriseB: string;
let unionB: string;

beforeAll(async () => {
  testApp = await startTestApp();
  url = testApp.baseUrl;
  townshipA = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  townshipB = await testApp.createUnit('西街街道总工会', 'township', testApp.rootUnitId);
  caseworkerA = await testApp.createUser('caseworker', townshipA);
  caseworkerB = await testApp.createUser('caseworker', townshipB);
  auditorA = await testApp.createUser('auditor', townshipA);
  rootAuditor = await testApp.createUser('auditor', testApp.rootUnitId);

  const a = await api(url, 'POST', '/enterprises', { token: caseworkerA.token, body: enterprise(CODE_A, townshipA, '甲纺织有限公司') });
  const b = await api(url, 'POST', '/enterprises', { token: caseworkerB.token, body: enterprise(CODE_B, townshipB, '乙机械有限公司') });
  expect([a.status, b.status]).toEqual([201, 201]);
  enterpriseA = a.body.id;
  enterpriseB = b.body.id;
  const founded = await api(url, 'POST', '/unions', { token: caseworkerB.token, body: union(enterpriseB, townshipB, '乙机械有限公司工会') });
  expect(founded.status).toBe(201);
  unionB = founded.body.id;
  await eventually(async () => expect((await api(url, 'GET', `/unions/${unionB}`, { token: caseworkerB.token })).status).toBe(200));
  await eventually(async () => expect((await api(url, 'GET', `/enterprises/${enterpriseA}`, { token: caseworkerA.token })).status).toBe(200));
});

afterAll(async () => {
  await testApp.close();
});

interface Route {
  method: string;
  path: string;
  public: boolean;
}

async function documentedRoutes(): Promise<Route[]> {
  const document = await api(url, 'GET', '/openapi.json');
  expect(document.status).toBe(200);
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(document.body.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      routes.push({ method: method.toUpperCase(), path: path.replace(/^\/api/, ''), public: !operation.responses['401'] });
    }
  }
  return routes;
}

const withIds = (path: string) => path.replace(/\{[^}]+\}/g, '7f1d3a52-9a8e-4c47-b1a4-2d6f0c9e8b11');

describe('authentication on every route', () => {
  it('answers 401 without a session on every documented route but sign-in, tokens and health', async () => {
    const routes = await documentedRoutes();
    expect(routes.length).toBeGreaterThan(25);
    const open = routes.filter((route) => route.public).map((route) => `${route.method} ${route.path}`);
    expect(open.sort()).toEqual(['GET /health', 'POST /auth/sign-in', 'POST /auth/tokens']);
    for (const route of routes.filter((candidate) => !candidate.public)) {
      const response = await api(url, route.method, withIds(route.path), { body: route.method === 'GET' ? undefined : {} });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
      expect(response.body.code).toBe('IDENTITY.NOT_SIGNED_IN');
    }
  });

  it('finds an access rule on every route handler the app has, documented or not', () => {
    const reflector = testApp.app.get(Reflector);
    const scanner = new MetadataScanner();
    const handlers: string[] = [];
    const undeclared: string[] = [];
    const controllers = [...testApp.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
    for (const wrapper of controllers) {
      const controller = wrapper.metatype as new (...args: never[]) => object;
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, () => unknown>)[name];
        if (reflector.get<RequestMethod | undefined>('method', handler) === undefined) continue;
        handlers.push(`${controller.name}.${name}`);
        if (!reflector.getAllAndOverride(ACCESS_RULE, [handler, controller])) undeclared.push(`${controller.name}.${name}`);
      }
    }
    expect(handlers.length).toBeGreaterThan(25);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to a forged, malformed or ended token, and to the old X-Actor header', async () => {
    for (const authorization of ['Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(5000)}`]) {
      expect((await api(url, 'GET', '/units', { headers: { authorization } })).status).toBe(401);
    }
    expect((await api(url, 'GET', '/units', { headers: { cookie: 'unioncase_session=forged' } })).status).toBe(401);
    expect((await api(url, 'GET', '/enterprises', { headers: { 'x-actor': 'admin' } })).status).toBe(401);

    const token = await signIn(url, caseworkerA.username, caseworkerA.password);
    expect((await api(url, 'POST', '/auth/sign-out', { token })).status).toBe(204);
    expect((await api(url, 'GET', '/auth/me', { token })).status).toBe(401);
  });

  it('names the accepted scheme on a 401', async () => {
    const response = await api(url, 'GET', '/units');
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="UnionCase"');
  });

  it('serves the OpenAPI document and docs without a session, describing both ways to sign in', async () => {
    const document = await api(url, 'GET', '/openapi.json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.components.securitySchemes).sort()).toEqual(['bearer', 'unioncase_session']);
    expect(document.body.paths['/api/enterprises'].post.security).toEqual([{ bearer: [] }, { unioncase_session: [] }]);
    expect((await fetch(`${url}/docs`)).status).toBe(200);
  });
});

describe('roles', () => {
  it('answers 403 to a role the route is not for', async () => {
    const cases: [SignedInUser, string, string, unknown?][] = [
      [rootAuditor, 'POST', '/enterprises', enterprise('91110108551385082Q', townshipA, '丙')],
      [auditorA, 'POST', `/enterprises/${enterpriseA}/surveys`, { reason: 'x', targetDate: '2026-12-31', surveyedOn: '2026-04-10' }],
      [caseworkerA, 'POST', '/units', { name: 'x', level: 'township', parentId: testApp.rootUnitId }],
      [caseworkerA, 'POST', '/accounts', {}],
      [caseworkerA, 'GET', '/accounts'],
      [caseworkerA, 'GET', '/access-log'],
      [testApp.admin, 'GET', '/enterprises'],
      [testApp.admin, 'GET', '/access-log'],
    ];
    for (const [user, method, path, body] of cases) {
      const response = await api(url, method, path, { token: user.token, body });
      expect({ who: user.role, method, path, status: response.status }).toEqual({ who: user.role, method, path, status: 403 });
      expect(response.body.code).toBe('ACCESS.ROLE_NOT_ALLOWED');
    }
  });

  it('takes a role change effect on the next request, without signing in again', async () => {
    const user = await testApp.createUser('caseworker', townshipA);
    expect((await api(url, 'GET', '/enterprises', { token: user.token })).status).toBe(200);
    const changed = await api(url, 'PUT', `/accounts/${user.userId}/role`, { token: testApp.admin.token, body: { role: 'admin' } });
    expect(changed.status).toBe(200);
    expect((await api(url, 'GET', '/enterprises', { token: user.token })).status).toBe(403);
    const own = await api(url, 'PUT', `/accounts/${testApp.admin.userId}/role`, { token: testApp.admin.token, body: { role: 'auditor' } });
    expect(own.status).toBe(422);
    expect(own.body.code).toBe('IDENTITY.OWN_ROLE');
  });
});

describe('a township sees nothing of its sibling', () => {
  it('lists, counts and exports only its own enterprises and unions', async () => {
    const listA = await api(url, 'GET', '/enterprises', { token: caseworkerA.token });
    expect(listA.body.items.map((e: { id: string }) => e.id)).toEqual([enterpriseA]);
    expect(listA.body.total).toBe(1);
    const filteredToB = await api(url, 'GET', `/enterprises?unitId=${townshipB}`, { token: caseworkerA.token });
    expect(filteredToB.body).toMatchObject({ items: [], total: 0 });
    const searched = await api(url, 'GET', `/enterprises?search=${CODE_B}`, { token: caseworkerA.token });
    expect(searched.body.total).toBe(0);
    const unions = await api(url, 'GET', '/unions', { token: caseworkerA.token });
    expect(unions.body).toMatchObject({ items: [], total: 0 });

    const exported = await api(url, 'GET', '/enterprises/export', { token: caseworkerA.token });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    expect(exported.text).toContain('甲纺织有限公司');
    expect(exported.text).not.toContain('乙机械有限公司');
    expect(exported.text).not.toContain(CODE_B);

    const exportedB = await api(url, 'GET', '/enterprises/export', { token: caseworkerB.token });
    expect(exportedB.text).toContain('乙机械有限公司');
    expect(exportedB.text).not.toContain('甲纺织有限公司');
  });

  it('cannot open, trace or act on the sibling township\'s records, which answer as if they did not exist', async () => {
    for (const path of [`/enterprises/${enterpriseB}`, `/enterprises/${enterpriseB}/history`, `/unions/${unionB}`, `/unions/${unionB}/history`, `/units/${townshipB}`]) {
      const response = await api(url, 'GET', path, { token: caseworkerA.token });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    const survey = await api(url, 'POST', `/enterprises/${enterpriseB}/surveys`, {
      token: caseworkerA.token,
      body: { reason: '负责人不支持', targetDate: '2026-12-31', surveyedOn: '2026-04-10' },
    });
    expect(survey.status).toBe(404);
    const founding = await api(url, 'POST', '/unions', { token: caseworkerA.token, body: union(enterpriseB, townshipA, '越界工会') });
    expect(founding.status).toBe(422);
    expect(founding.body.code).toBe('ORGANIZING.ENTERPRISE_NOT_FOUND');
    const units = await api(url, 'GET', '/units', { token: caseworkerA.token });
    expect(units.body.items.map((unit: { id: string }) => unit.id)).toEqual([townshipA]);
  });

  it('counts only its own units in the figures, whatever unit it asks for', async () => {
    const own = await api(url, 'GET', '/figures/organizing?year=2026', { token: caseworkerA.token });
    expect(own.body.nonPublicUnionization).toMatchObject({ registered: 1, unionized: 0 });
    const sibling = await api(url, 'GET', `/figures/organizing?year=2026&unitId=${townshipB}`, { token: caseworkerA.token });
    expect(sibling.body.nonPublicUnionization).toMatchObject({ registered: 0, unionized: 0 });
    expect(sibling.body.newUnions.total).toBe(0);
    const whole = await api(url, 'GET', '/figures/organizing?year=2026', { token: rootAuditor.token });
    expect(whole.body.nonPublicUnionization).toMatchObject({ registered: 2, unionized: 1 });
    expect(whole.body.newUnions.total).toBe(1);
  });

  it('follows a unit that moves: its records go with it to the new township', async () => {
    const community = await testApp.createUnit('东关社区工会', 'community', townshipA);
    const registered = await api(url, 'POST', '/enterprises', {
      token: caseworkerA.token,
      body: enterprise('91110108700001234Q', community, '丁商贸有限公司'),
    });
    expect(registered.status).toBe(201);
    await eventually(async () => expect((await api(url, 'GET', `/enterprises/${registered.body.id}`, { token: caseworkerA.token })).status).toBe(200));

    const moved = await api(url, 'PUT', `/units/${community}/parent`, { token: testApp.admin.token, body: { parentId: townshipB } });
    expect(moved.status).toBe(200);
    await eventually(async () => expect((await api(url, 'GET', `/enterprises/${registered.body.id}`, { token: caseworkerB.token })).status).toBe(200));
    expect((await api(url, 'GET', `/enterprises/${registered.body.id}`, { token: caseworkerA.token })).status).toBe(404);

    const underItself = await api(url, 'PUT', `/units/${townshipB}/parent`, { token: testApp.admin.token, body: { parentId: community } });
    expect(underItself.status).toBe(422);
    const wrongLevel = await api(url, 'PUT', `/units/${community}/parent`, { token: testApp.admin.token, body: { parentId: testApp.rootUnitId } });
    expect(wrongLevel.status).toBe(422);
    expect(wrongLevel.body).toMatchObject({ code: 'IDENTITY.UNIT_LEVEL_MISMATCH', errors: [{ field: 'parentId' }] });
  });

  it('moves an account to another township, and its scope with it at once', async () => {
    const user = await testApp.createUser('caseworker', townshipA);
    expect((await api(url, 'GET', `/enterprises/${enterpriseA}`, { token: user.token })).status).toBe(200);
    const moved = await api(url, 'PUT', `/accounts/${user.userId}/unit`, { token: testApp.admin.token, body: { unitId: townshipB } });
    expect(moved.status).toBe(200);
    expect((await api(url, 'GET', `/enterprises/${enterpriseA}`, { token: user.token })).status).toBe(404);
    expect((await api(url, 'GET', `/enterprises/${enterpriseB}`, { token: user.token })).status).toBe(200);
  });

  it('renames a unit with If-Match, refusing a stale one with 412', async () => {
    const unit = await testApp.createUnit('南关社区工会', 'community', townshipA);
    const current = await api(url, 'GET', `/units/${unit}`, { token: testApp.admin.token });
    expect(current.headers.get('etag')).toBe('"0"');
    const renamed = await api(url, 'PUT', `/units/${unit}/name`, { token: testApp.admin.token, body: { name: '南关社区联合工会' }, headers: { 'if-match': '"0"' } });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"1"');
    const stale = await api(url, 'PUT', `/units/${unit}/name`, { token: testApp.admin.token, body: { name: '又一个名字' }, headers: { 'if-match': '"0"' } });
    expect(stale.status).toBe(412);
    await eventually(async () => expect((await api(url, 'GET', `/units/${unit}`, { token: caseworkerA.token })).body.name).toBe('南关社区联合工会'));
    const history = await testApp.app.get(EventStore).readStream(`unit-${unit}`);
    expect(history.map((event) => event.type)).toEqual(['UnitCreated', 'UnitRenamed']);
    expect(history.map((event) => event.revision)).toEqual([0n, 1n]);
    expect(history[1].data).toMatchObject({ name: '南关社区联合工会', previousName: '南关社区工会' });
  });

  it('shows a township auditor only its own township\'s accounts', async () => {
    const accounts = await api(url, 'GET', '/accounts?pageSize=100', { token: auditorA.token });
    expect(accounts.status).toBe(200);
    const units = new Set(accounts.body.items.map((account: { unitId: string }) => account.unitId));
    expect([...units]).toEqual([townshipA]);
    expect((await api(url, 'GET', `/accounts/${caseworkerB.userId}`, { token: auditorA.token })).status).toBe(404);
  });
});

describe('accounts', () => {
  it('locks an account after five wrong passwords, even against the right one, until an admin resets it', async () => {
    const user = await testApp.createUser('caseworker', townshipA);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await api(url, 'POST', '/auth/tokens', { body: { username: user.username, password: 'not-the-password' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe(attempt < 5 ? 'IDENTITY.SIGN_IN_FAILED' : 'IDENTITY.ACCOUNT_LOCKED');
    }
    const right = await api(url, 'POST', '/auth/tokens', { body: { username: user.username, password: user.password } });
    expect(right.status).toBe(401);
    expect(right.body).toMatchObject({ code: 'IDENTITY.ACCOUNT_LOCKED', lockedUntil: expect.any(String) });

    const reset = await api(url, 'PUT', `/accounts/${user.userId}/password`, { token: testApp.admin.token, body: { newPassword: 'a-brand-new-password-7' } });
    expect(reset.status).toBe(200);
    expect((await api(url, 'GET', '/auth/me', { token: user.token })).status).toBe(401);
    expect((await api(url, 'POST', '/auth/tokens', { body: { username: user.username, password: 'a-brand-new-password-7' } })).status).toBe(201);
  });

  it('ends every session of a disabled account at once, and refuses its sign-in like a wrong password', async () => {
    const user = await testApp.createUser('supervisor', townshipA);
    const disabled = await api(url, 'POST', `/accounts/${user.userId}/disable`, { token: testApp.admin.token, body: { reason: '调离' } });
    expect(disabled.status).toBe(200);
    expect((await api(url, 'GET', '/enterprises', { token: user.token })).status).toBe(401);
    const again = await api(url, 'POST', '/auth/tokens', { body: { username: user.username, password: user.password } });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('IDENTITY.SIGN_IN_FAILED');
    expect((await api(url, 'POST', `/accounts/${user.userId}/enable`, { token: testApp.admin.token })).status).toBe(200);
    expect((await api(url, 'POST', '/auth/tokens', { body: { username: user.username, password: user.password } })).status).toBe(201);
  });

  it('changes a password: the old one stops working, other sessions end, the current one stays', async () => {
    const user = await testApp.createUser('caseworker', townshipA);
    const otherSession = await signIn(url, user.username, user.password);
    const wrongCurrent = await api(url, 'PUT', '/auth/password', { token: user.token, body: { currentPassword: 'nope', newPassword: 'the-next-password-9' } });
    expect(wrongCurrent.status).toBe(422);
    expect(wrongCurrent.body.errors).toEqual([{ field: 'currentPassword', reason: 'is wrong' }]);
    const tooShort = await api(url, 'PUT', '/auth/password', { token: user.token, body: { currentPassword: user.password, newPassword: 'short' } });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors[0].field).toBe('newPassword');

    const changed = await api(url, 'PUT', '/auth/password', { token: user.token, body: { currentPassword: user.password, newPassword: 'the-next-password-9' } });
    expect(changed.status).toBe(204);
    expect((await api(url, 'GET', '/auth/me', { token: user.token })).status).toBe(200);
    expect((await api(url, 'GET', '/auth/me', { token: otherSession })).status).toBe(401);
    expect((await api(url, 'POST', '/auth/tokens', { body: { username: user.username, password: user.password } })).status).toBe(401);
    expect((await api(url, 'POST', '/auth/tokens', { body: { username: user.username, password: 'the-next-password-9' } })).status).toBe(201);
  });

  it('keeps usernames unique whatever their case, and password hashes out of the event log', async () => {
    const taken = await api(url, 'POST', '/accounts', {
      token: testApp.admin.token,
      body: { username: caseworkerA.username.toUpperCase(), displayName: 'x', role: 'caseworker', unitId: townshipA, password: 'some-long-password-1' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('IDENTITY.USERNAME_TAKEN');
    const log = await readLog(testApp);
    expect(log.length).toBeGreaterThan(0);
    const leaking = log.filter((event) => [JSON.stringify(event.data), JSON.stringify(event.metadata)].some((text) => text.includes('argon2') || text.includes(caseworkerA.password)));
    expect(leaking).toEqual([]);
    const hashes = await testApp.database.pool.query(`SELECT password_hash FROM identity.credentials WHERE user_id = $1`, [caseworkerA.userId]);
    expect(hashes.rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('sets the browser session as an httpOnly, SameSite=Strict cookie and clears it on sign-out', async () => {
    const signedIn = await api(url, 'POST', '/auth/sign-in', { body: { username: caseworkerA.username, password: caseworkerA.password } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.token).toBeUndefined();
    const cookie = signedIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^unioncase_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const session = { cookie: cookie.split(';')[0] };
    expect((await api(url, 'GET', '/auth/me', { headers: session })).body.username).toBe(caseworkerA.username);
    const out = await api(url, 'POST', '/auth/sign-out', { headers: session });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/unioncase_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await api(url, 'GET', '/auth/me', { headers: session })).status).toBe(401);
  });
});

describe('the access log', () => {
  it('records sign-ins, failures, role changes and reads of a worker\'s record, for auditors within their units', async () => {
    const user = await testApp.createUser('caseworker', townshipA);
    await api(url, 'POST', '/auth/tokens', { body: { username: user.username, password: 'wrong-password-x' } });
    await api(url, 'POST', '/auth/tokens', { body: { username: 'nobody-by-this-name', password: 'whatever-it-is' } });
    await api(url, 'PUT', `/accounts/${user.userId}/role`, { token: testApp.admin.token, body: { role: 'supervisor' } });
    await testApp.app.get(AccessAudit).personalRecordRead(
      { userId: user.userId, username: user.username, role: 'supervisor', unitId: townshipA, sessionId: 'test' },
      { actor: user.userId, correlationId: 'test' },
      { recordType: 'hardship_file', recordId: '0b6f9f3e-7d1c-4a55-9c39-7a1f5c2b9e10', unitId: townshipA },
    );

    const entries = await eventually(async () => {
      const response = await api(url, 'GET', `/access-log?userId=${user.userId}&pageSize=100`, { token: auditorA.token });
      expect(response.body.items.map((entry: { kind: string }) => entry.kind)).toEqual(
        expect.arrayContaining(['AccountCreated', 'SignedIn', 'SignInFailed', 'AccountRoleChanged', 'PersonalRecordRead']),
      );
      return response.body.items as { kind: string; actorId: string; detail: Record<string, unknown>; ip: string | null }[];
    });
    const roleChange = entries.find((entry) => entry.kind === 'AccountRoleChanged')!;
    expect(roleChange).toMatchObject({ actorId: testApp.admin.userId, detail: { role: 'supervisor', previousRole: 'caseworker' } });
    expect(entries.find((entry) => entry.kind === 'SignInFailed')).toMatchObject({ detail: { reason: 'wrong_password' }, ip: expect.any(String) });
    expect(entries.find((entry) => entry.kind === 'PersonalRecordRead')).toMatchObject({ detail: { recordType: 'hardship_file' } });

    // Unknown usernames belong to no unit: the federation's own auditor sees them, a township's does not.
    const unknownAtRoot = await eventually(async () => {
      const response = await api(url, 'GET', '/access-log?kind=UnknownUserSignInFailed', { token: rootAuditor.token });
      expect(response.body.total).toBeGreaterThan(0);
      return response.body;
    });
    expect(JSON.stringify(unknownAtRoot)).not.toContain('nobody-by-this-name');
    expect((await api(url, 'GET', '/access-log?kind=UnknownUserSignInFailed', { token: auditorA.token })).body.total).toBe(0);
    const sibling = await api(url, 'GET', `/access-log?userId=${caseworkerB.userId}`, { token: auditorA.token });
    expect(sibling.body.total).toBe(0);
  });
});

describe('hardening', () => {
  it('sends security headers and keeps CORS closed', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const preflight = await fetch(`${url}/enterprises`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${url}/health`, { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('opens CORS to the named origins only, when told to', async () => {
    const open = await startTestApp({ security: { corsOrigins: ['https://ui.example'] } });
    try {
      const preflight = (origin: string) =>
        fetch(`${open.baseUrl}/enterprises`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      const allowed = await preflight('https://ui.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ui.example');
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });

  it('records a burst of concurrent failed sign-ins without losing any or failing one', async () => {
    const unknownUserFailures = async () => (await readLog(testApp)).filter((event) => event.type === 'UnknownUserSignInFailed').length;
    const before = await unknownUserFailures();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => api(url, 'POST', '/auth/tokens', { body: { username: `ghost-${index}`, password: 'whatever-it-is' } })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(401));
    expect((await unknownUserFailures()) - before).toBe(20);
  });

  it('limits sign-in attempts per client address', async () => {
    const limited = await startTestApp({ security: { signInRateLimit: 3 } });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        statuses.push((await api(limited.baseUrl, 'POST', '/auth/tokens', { body: { username: 'someone', password: 'wrong-password' } })).status);
      }
      // The test app itself signed its admin in once.
      expect(statuses).toEqual([401, 401, 429, 429]);
      const refused = await api(limited.baseUrl, 'POST', '/auth/sign-in', { body: { username: 'admin', password: limited.admin.password } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(refused.body.code).toBe('TOO_MANY_ATTEMPTS');
      expect((await api(limited.baseUrl, 'GET', '/auth/me', { token: limited.admin.token })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
