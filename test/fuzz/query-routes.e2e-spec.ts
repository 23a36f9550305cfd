import fc from 'fast-check';
import { api, startTestApp, testEventStoreKind, type SignedInUser, type TestApp } from '../support/test-app.js';

/** FUZZ_RUNS scales the random combinations per route (default 1), as in the command-route fuzz. */
const RUN_SCALE = Number(process.env.FUZZ_RUNS ?? 1) || 1;

/**
 * Every GET route with arbitrary query strings and path ids, as a user the route is for: never a 5xx, never a
 * leak, and every refusal a problem document.
 */
let testApp: TestApp;
let users: Record<string, SignedInUser>;

beforeAll(async () => {
  testApp = await startTestApp();
  const township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  users = {
    caseworker: await testApp.createUser('caseworker', township),
    auditor: await testApp.createUser('auditor', testApp.rootUnitId),
    admin: testApp.admin,
  };
});

afterAll(async () => {
  await testApp.close();
});

/** A stream route's answer: a refusal read whole, an open stream closed once its headers are in. */
async function streamHead(path: string, token: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${testApp.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status >= 300) return { status: response.status, headers: response.headers, text: await response.text() };
  await response.body?.cancel();
  return { status: response.status, headers: response.headers, text: '' };
}

const LEAK = /\n\s+at |node_modules|\/work\/|QueryFailedError|TypeError|syntax error/;

it('answers arbitrary queries on every GET route without a 5xx or a leak', async () => {
  const document = (await api(testApp.baseUrl, 'GET', '/openapi.json')).body;
  const routes = Object.entries<Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { description?: string }> }>>(
    document.paths,
  )
    .filter(([, operations]) => operations.get)
    .map(([path, operations]) => {
      const roles = /Only for: (.*)/.exec(operations.get.responses['403']?.description ?? '')?.[1].split(', ') ?? [];
      const user = users[roles.find((role) => users[role]) ?? 'caseworker'];
      // A Server-Sent Events route answers a valid query with a stream that stays open: only its status and headers are read.
      const stream = JSON.stringify(operations.get.responses).includes('text/event-stream');
      return { path: path.replace(/^\/api/, ''), query: (operations.get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), user, stream };
    });
  expect(routes.length).toBeGreaterThan(10);

  const NASTY = ['', '-1', '0', '1.5', '1e309', '99999999999999999999', 'NaN', '2026-13-45', '2026-11-22T25:00:00Z', '%00', '\u0000', "' OR 1=1 --", 'null', '[]', '{}', '7f1d3a52-9a8e-4c47-b1a4-2d6f0c9e8b11'];
  const value = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.integer().map(String), fc.double().map(String), fc.constantFrom(...NASTY));
  const check = async (route: (typeof routes)[number], query: Record<string, string>, id: string | null) => {
    const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(id ?? '7f1d3a52-9a8e-4c47-b1a4-2d6f0c9e8b11'));
    const search = new URLSearchParams(query).toString();
    const response = route.stream
      ? await streamHead(`${path}${search ? `?${search}` : ''}`, route.user.token)
      : await api(testApp.baseUrl, 'GET', `${path}${search ? `?${search}` : ''}`, { token: route.user.token });
    expect({ route: route.path, query, status: response.status < 500 }).toEqual({ route: route.path, query, status: true });
    expect(response.text).not.toMatch(LEAK);
    if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  };
  // Every documented query parameter with every nasty value, one at a time...
  for (const route of routes) {
    for (const name of route.query) for (const nasty of NASTY) await check(route, { [name]: nasty }, null);
  }
  // ...then arbitrary combinations and path ids.
  for (const route of routes) {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...route.query, 'unknown', '__proto__'), value, { maxKeys: 4 }), fc.option(value), (query, id) =>
        check(route, query, id),
      ),
      { numRuns: Math.max(1, Math.round(40 * RUN_SCALE)) },
    );
  }
  // Over the EventStoreDB double the routes that read the log (replay, verify) make gRPC reads at tens of
  // milliseconds each (see the README): allow that run more time.
}, (testEventStoreKind() === 'eventstoredb' ? 300_000 : 120_000) * Math.max(1, RUN_SCALE));
