import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, eventually } from './support/test-app.js';

/** The README's run command, as a user runs it: the built server on its embedded database, stopped with Ctrl-C. */
describe('the run command on the embedded database', () => {
  let dataDir: string;
  let port: number;
  let output = '';

  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'unioncase-run-')), 'postgres');
    port = await freePort();
  });

  function startServer(): ChildProcess {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), UNIONCASE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    return child;
  }

  async function stopWithCtrlC(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    return exited;
  }

  const baseUrl = () => `http://127.0.0.1:${port}/api`;

  it('answers health within a minute, stops cleanly on SIGINT, and keeps its data across a restart', async () => {
    const first = startServer();
    const health = await eventually(async () => {
      const response = await api(baseUrl(), 'GET', '/health');
      expect(response.status).toBe(200);
      return response;
    }, 60_000);
    expect(health.body.database.status).toBe('up');

    const registered = await api(baseUrl(), 'POST', '/enterprises', {
      body: {
        name: '尧都区某纺织有限公司',
        creditCode: '91350100M000100Y43',
        ownership: 'non_public',
        industry: 'textiles',
        township: '城关街道',
        employeeCount: 60,
        womenEmployeeCount: 41,
      },
    });
    expect(registered.status).toBe(201);
    const founded = await api(baseUrl(), 'POST', '/unions', {
      body: {
        name: '尧都区某纺织有限公司工会',
        kind: 'independent',
        township: '城关街道',
        coveredEnterpriseIds: [registered.body.id],
        foundedOn: '2026-03-08',
        chairName: '李娟',
        initialMemberCount: 55,
        womenCommitteeFounded: true,
        auditCommitteeFounded: true,
      },
    });
    expect(founded.status).toBe(201);
    await eventually(async () => expect((await api(baseUrl(), 'GET', `/unions/${founded.body.id}`)).status).toBe(200));

    expect(await stopWithCtrlC(first)).toBe(0);
    expect(output).not.toMatch(/Error|ERR!/);

    const second = startServer();
    try {
      const union = await eventually(async () => {
        const response = await api(baseUrl(), 'GET', `/unions/${founded.body.id}`);
        expect(response.status).toBe(200);
        return response;
      }, 60_000);
      expect(union.body).toMatchObject({ name: '尧都区某纺织有限公司工会', initialMemberCount: 55 });
    } finally {
      expect(await stopWithCtrlC(second)).toBe(0);
    }
  }, 150_000);
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
