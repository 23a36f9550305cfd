import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createApp } from '../../apps/api/src/create-app.js';
import { api, eventually, startTestApp, type TestApp } from '../support/test-app.js';

let testApp: TestApp;
let origin: string;
const personalDataKey = randomBytes(32);

beforeAll(async () => {
  testApp = await startTestApp({ personalDataKey });
  origin = testApp.baseUrl.replace(/\/api$/, '');
});

afterAll(async () => {
  await testApp?.close();
});

/** The value of one sample in Prometheus text, e.g. `unioncase_projection_lag_events{projection="funds"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('answers Prometheus text without a session, outside /api, with process metrics and every projection caught up', async () => {
    await testApp.createUnit('城关镇总工会', 'township', testApp.rootUnitId);
    const health = await eventually(async () => {
      const response = await api(testApp.baseUrl, 'GET', '/health');
      for (const projection of response.body.projections) expect(projection.eventsBehind).toBe(0);
      return response.body;
    });
    const names: string[] = health.projections.map((p: { projection: string }) => p.projection);
    expect(names.length).toBeGreaterThanOrEqual(6);

    const response = await fetch(`${origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'unioncase_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toMatch(/^unioncase_nodejs_heap_size_used_bytes \d+/m);
    expect(sample(text, 'unioncase_event_store_head_position')).toBeGreaterThan(0);
    expect(sample(text, 'unioncase_audit_chain_lag_events')).toBeGreaterThanOrEqual(0);
    for (const name of names) {
      const label = `{projection="${name}"}`;
      expect([name, sample(text, `unioncase_projection_lag_events${label}`)]).toEqual([name, 0]);
      expect([name, sample(text, `unioncase_projection_lag_positions${label}`)]).toEqual([name, 0]);
      expect([name, sample(text, `unioncase_projection_lag_seconds${label}`)]).toEqual([name, 0]);
      expect([name, sample(text, `unioncase_projection_up${label}`)]).toEqual([name, 1]);
      expect(sample(text, `unioncase_projection_checkpoint_position${label}`)).toBeGreaterThan(0);
    }
    // Events applied so far, and the batches that applied them: the identity projection saw the unit and the admin.
    expect(sample(text, 'unioncase_projection_events_applied_total{projection="identity"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'unioncase_projection_batch_duration_seconds_count{projection="identity"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^# TYPE unioncase_projection_batch_duration_seconds histogram$/m);

    expect((await fetch(`${testApp.baseUrl}/metrics`)).status).toBe(404);
  });

  it('reports the new lag figures on /api/health beside the old ones', async () => {
    const health = await eventually(async () => {
      const response = await api(testApp.baseUrl, 'GET', '/health');
      for (const projection of response.body.projections) expect(projection.eventsBehind).toBe(0);
      return response.body;
    });
    for (const projection of health.projections) {
      expect(projection).toEqual({
        projection: expect.any(String),
        checkpoint: expect.stringMatching(/^\d+\/\d+$/),
        headPosition: expect.stringMatching(/^\d+\/\d+$/),
        positionsBehind: 0,
        eventsBehind: 0,
        eventsBehindCapped: false,
        millisecondsBehind: 0,
        running: true,
      });
    }
    expect(health.auditChain).toMatchObject({ eventsBehindCapped: false });
  });

  it('does not call an API degraded for projections another process runs (PROJECTOR_ENABLED=false)', async () => {
    const apiOnly = await createApp({
      databaseUrl: testApp.database.connectionString,
      projectorEnabled: false,
      personalDataKey,
      eventStore: testApp.eventStore,
      auditTrail: { signingKey: generateKeyPairSync('ed25519').privateKey, sealerEnabled: false },
    });
    try {
      await apiOnly.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(apiOnly.getHttpServer().address() as { port: number }).port}`;
      const health = await api(`${base}/api`, 'GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
      expect(health.body.projections.length).toBeGreaterThanOrEqual(6);
      for (const projection of health.body.projections) expect(projection).toMatchObject({ running: false, eventsBehind: 0 });
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(sample(text, 'unioncase_projection_up{projection="identity"}')).toBe(0);
      expect(sample(text, 'unioncase_projection_lag_events{projection="identity"}')).toBe(0);
    } finally {
      await apiOnly.close();
    }
  });
});
