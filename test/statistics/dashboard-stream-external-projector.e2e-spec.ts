import { DataSource } from 'typeorm';
import { EventStore } from '#event-store';
import { PROJECTIONS, Projector, type Projection } from '#projections';
import { ProjectorService } from '../../apps/api/src/projector/projector.service.js';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { api, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

/**
 * The API started with its projector off (PROJECTOR_ENABLED=false) while the projections run elsewhere, as with
 * `npm run project`: no commit is heard in the API's process, and the stream still pushes within a second.
 */
const clock = new ManualClock('2026-05-20T02:00:00Z');
let testApp: TestApp;
let elsewhere: Projector;
let township: string;
let caseworker: SignedInUser;
let supervisor: SignedInUser;

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  // The API's own projector stops, as if started with PROJECTOR_ENABLED=false; another projector takes over: same
  // database, same projections, nothing shared with the API in memory (as `npm run project` in another process).
  await testApp.app.get(ProjectorService).beforeApplicationShutdown();
  elsewhere = new Projector(testApp.app.get(EventStore), testApp.app.get(DataSource), testApp.app.get<Projection[]>(PROJECTIONS), {
    log: () => undefined,
    error: () => undefined,
  });
  elsewhere.start();
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  caseworker = await testApp.createUser('caseworker', township, 'li.caseworker');
  supervisor = await testApp.createUser('supervisor', township, 'wang.supervisor');
}, 60_000);

afterAll(async () => {
  await elsewhere?.stop();
  await testApp?.close();
});

it('pushes a change projected by a projector in another process in under a second', async () => {
  const registered = await api(testApp.baseUrl, 'POST', '/enterprises', {
    token: caseworker.token,
    body: { name: '企业一', creditCode: '91350100M000100Y43', ownership: 'non_public', industry: 'manufacturing', unitId: township, employeeCount: 40, womenEmployeeCount: 10 },
  });
  expect(registered.status).toBe(201);

  const response = await fetch(`${testApp.baseUrl}/dashboard/stream?year=2026`, { headers: { authorization: `Bearer ${supervisor.token}` } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  /** The next `dashboard` event's data whose unionization rate has this denominator. */
  const next = async (denominator: string) => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (!data) continue;
        const dashboard = JSON.parse(data.slice(6));
        if (dashboard.metrics.find((metric: any) => metric.key === 'unionization_rate').denominator === denominator) return performance.now();
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('The stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  // The first dashboard may come before or after the projector elsewhere has the enterprise: wait for it.
  await next('1');

  const requested = performance.now();
  const second = await api(testApp.baseUrl, 'POST', '/enterprises', {
    token: caseworker.token,
    body: { name: '企业二', creditCode: '91110000600037341L', ownership: 'non_public', industry: 'manufacturing', unitId: township, employeeCount: 40, womenEmployeeCount: 10 },
  });
  expect(second.status).toBe(201);
  const arrived = await next('2');
  console.log(`SSE push with the projector in another process: ${(arrived - requested).toFixed(1)} ms after the request was sent`);
  expect(arrived - requested).toBeLessThan(1000);
  await reader.cancel();
}, 30_000);
