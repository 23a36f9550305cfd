import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { api, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

/** The dashboard pushed over Server-Sent Events, read as a browser's EventSource would: with the session cookie. */
const clock = new ManualClock('2026-05-20T02:00:00Z');
let testApp: TestApp;
let closed = false;
let township: string;
let otherTownship: string;
let caseworker: SignedInUser;
let supervisor: SignedInUser;
let outsider: SignedInUser;
let cookie: string;
const enterprises: string[] = [];

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  otherTownship = await testApp.createUnit('西街街道总工会', 'township', testApp.rootUnitId);
  caseworker = await testApp.createUser('caseworker', township, 'li.caseworker');
  supervisor = await testApp.createUser('supervisor', township, 'wang.supervisor');
  outsider = await testApp.createUser('caseworker', otherTownship, 'sun.caseworker');
  const signedIn = await api(testApp.baseUrl, 'POST', '/auth/sign-in', { body: { username: supervisor.username, password: supervisor.password } });
  expect(signedIn.status).toBe(200);
  cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
  for (const [index, code] of ['91350100M000100Y43', '91110000600037341L'].entries()) {
    const registered = await api(testApp.baseUrl, 'POST', '/enterprises', {
      token: caseworker.token,
      body: { name: `企业${index}`, creditCode: code, ownership: 'non_public', industry: 'manufacturing', unitId: township, employeeCount: 40, womenEmployeeCount: 10 },
    });
    expect(registered.status).toBe(201);
    enterprises.push(registered.body.id);
  }
}, 60_000);

afterAll(async () => {
  if (!closed) await testApp?.close();
});

interface ServerSentEvent {
  type: string;
  data: any;
  receivedAt: number;
}

/** An open stream: its events as they arrive, parsed from the raw text/event-stream body. */
async function openStream(path: string) {
  const response = await fetch(`${testApp.baseUrl}${path}`, { headers: { cookie, accept: 'text/event-stream' } });
  const events: ServerSentEvent[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  let buffer = '';
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
        if (data.length === 0) continue; // a comment: the heartbeat
        const type = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message';
        events.push({ type, data: JSON.parse(data.join('\n')), receivedAt: performance.now() });
        waiters.splice(0).forEach((wake) => wake());
      }
    }
    ended = true;
    waiters.splice(0).forEach((wake) => wake());
  })();
  return {
    response,
    events,
    pump,
    get ended() {
      return ended;
    },
    /** The first event (from index `from` on) that satisfies `test`, waiting up to `timeoutMs`. */
    async next(test: (event: ServerSentEvent) => boolean, from = 0, timeoutMs = 5000): Promise<ServerSentEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.slice(from).find(test);
        if (found) return found;
        if (ended) throw new Error('The stream ended');
        if (Date.now() > deadline) throw new Error(`No matching event in ${timeoutMs} ms; got ${events.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}

const unionsFounded = (event: ServerSentEvent) => event.data.metrics.find((metric: any) => metric.key === 'unions_founded').actual;

describe('the dashboard stream', () => {
  it('sends the dashboard on connecting, and pushes a union founded through the API in under a second', async () => {
    const stream = await openStream(`/dashboard/stream?year=2026`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    const first = await stream.next((event) => event.type === 'dashboard');
    expect(first.data).toMatchObject({ unitId: township, year: 2026, asOf: null });
    expect(unionsFounded(first)).toBe('0');
    const seen = stream.events.length;
    // A second supervisor's stream on the same unit shares the computation, and is sent the current dashboard too.
    const other = await openStream(`/dashboard/stream?year=2026`);
    expect(unionsFounded(await other.next((event) => event.type === 'dashboard'))).toBe('0');

    const requested = performance.now();
    const founded = await api(testApp.baseUrl, 'POST', '/unions', {
      token: caseworker.token,
      body: {
        name: '城关联合工会', kind: 'joint', unitId: township, coveredEnterpriseIds: enterprises, foundedOn: '2026-05-18',
        chairName: '王芳', initialMemberCount: 25, womenCommitteeFounded: true, auditCommitteeFounded: true,
      },
    });
    const answered = performance.now();
    expect(founded.status).toBe(201);
    const pushed = await stream.next((event) => event.type === 'dashboard' && unionsFounded(event) === '1', seen);
    const sinceRequest = pushed.receivedAt - requested;
    const sinceResponse = pushed.receivedAt - answered;
    console.log(`SSE push: ${sinceRequest.toFixed(1)} ms after the request was sent, ${sinceResponse.toFixed(1)} ms after its response`);
    expect(sinceRequest).toBeLessThan(1000);
    expect(pushed.data.metrics.find((metric: any) => metric.key === 'members_enrolled').actual).toBe('25');
    // The founding's other events (each covered enterprise unionized) may come in the same push or, where the store
    // delivers them in another batch (EventStoreDB), in the next one.
    const rate = (event: ServerSentEvent) => event.data.metrics.find((metric: any) => metric.key === 'unionization_rate');
    const unionized = await stream.next((event) => event.type === 'dashboard' && rate(event).numerator === '2', seen);
    expect(rate(unionized)).toMatchObject({ actual: '10000', numerator: '2', denominator: '2' });
    expect(unionsFounded(await other.next((event) => event.type === 'dashboard' && unionsFounded(event) === '1', 1))).toBe('1');
    // Other figures may still move between the two streams' first messages (the seeding's last facts landing), so
    // a second message with 0 unions may come; the union count itself goes from 0 to 1 and nowhere else.
    const counts = other.events.map(unionsFounded);
    expect(counts.filter((count, index) => count !== counts[index - 1])).toEqual(['0', '1']);
    await Promise.all([stream.close(), other.close()]);
  });

  it('pushes nothing new for events that do not change the unit’s figures', async () => {
    const stream = await openStream(`/dashboard/stream?year=2026`);
    await stream.next((event) => event.type === 'dashboard');
    // An enterprise registered in another township changes only that township's figures.
    const elsewhere = await api(testApp.baseUrl, 'POST', '/enterprises', {
      token: outsider.token,
      body: { name: '西街企业', creditCode: '91110108551385082Q', ownership: 'non_public', industry: 'manufacturing', unitId: otherTownship, employeeCount: 5, womenEmployeeCount: 1 },
    });
    expect(elsewhere.status).toBe(201);
    // Then one in this township does change them: the only push is that one.
    const here = await api(testApp.baseUrl, 'POST', '/enterprises', {
      token: caseworker.token,
      body: { name: '城关企业', creditCode: '91110108700001234Q', ownership: 'non_public', industry: 'manufacturing', unitId: township, employeeCount: 5, womenEmployeeCount: 1 },
    });
    expect(here.status).toBe(201);
    await stream.next((event) => event.data.metrics.find((metric: any) => metric.key === 'unionization_rate').denominator === '3', 1);
    expect(stream.events.map((event) => event.data.metrics.find((metric: any) => metric.key === 'unionization_rate').denominator)).toEqual(['2', '3']);
    await stream.close();
  });

  it('answers a refusal as a problem document before any stream starts', async () => {
    const outside = await fetch(`${testApp.baseUrl}/dashboard/stream?unitId=${otherTownship}`, { headers: { cookie } });
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toContain('application/problem+json');
    const anonymous = await fetch(`${testApp.baseUrl}/dashboard/stream`);
    expect(anonymous.status).toBe(401);
    await anonymous.text();
    await outside.text();
  });

  it('ends open streams when the app shuts down, so closing never waits on a client', async () => {
    const stream = await openStream(`/dashboard/stream?year=2026`);
    await stream.next((event) => event.type === 'dashboard');
    const started = performance.now();
    closed = true;
    const ended = stream.pump.then(() => performance.now() - started);
    await testApp.close();
    const streamEnded = await ended;
    console.log(`app.close() with a stream open: ${(performance.now() - started).toFixed(0)} ms; the stream ended after ${streamEnded.toFixed(0)} ms`);
    expect(stream.ended).toBe(true);
    // The stream ends as shutdown begins, not when the server gives up on it. (Closing as a whole may still wait up
    // to 4 s for Node's fetch to drop a kept-alive connection of the earlier plain requests: that is not the stream.)
    expect(streamEnded).toBeLessThan(1000);
  });
});
