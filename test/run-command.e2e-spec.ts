import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, eventually, newPassword } from './support/test-app.js';

/**
 * The README's commands as a user runs them: the built server on its embedded database, the first admin made
 * with the create-admin command while it runs, a caseworker's day over HTTP, Ctrl-C, a restart, and a projection
 * rebuilt by its command while the server runs. Everything
 * the processes print is kept, and must hold no password, token or session cookie.
 */
describe('the run command on the embedded database', () => {
  let dataDir: string;
  let port: number;
  let output = '';
  const running = new Set<ChildProcess>();

  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'unioncase-run-')), 'postgres');
    port = await freePort();
  });

  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
  });

  function environment(): NodeJS.ProcessEnv {
    // Info level: the request log lines are part of what must stay free of secrets.
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), UNIONCASE_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    delete env.UNIONCASE_ADMIN_PASSWORD;
    return env;
  }

  function run(script: string, args: string[] = [], stdin?: string): ChildProcess {
    const child = spawn(process.execPath, [script, ...args], { env: environment(), stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(child);
    child.once('exit', () => running.delete(child));
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
    return child;
  }

  const exitCode = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  async function stopWithCtrlC(child: ChildProcess): Promise<number | null> {
    const exited = exitCode(child);
    child.kill('SIGINT');
    const code = await exited;
    // The assertion only shows the code; what the process printed says why.
    if (code !== 0) console.error(`The server exited with ${code} on Ctrl-C. Its output ended:\n${output.slice(-6000)}`);
    return code;
  }

  const baseUrl = () => `http://127.0.0.1:${port}/api`;

  it('starts, takes its first admin from the command, keeps data across a restart, and logs no secrets', async () => {
    const secrets: string[] = [];
    const first = run('dist/apps/api/src/main.js');
    const health = await eventually(async () => {
      const response = await api(baseUrl(), 'GET', '/health');
      expect(response.status).toBe(200);
      return response;
    }, 60_000);
    expect(health.body.database.status).toBe('up');

    const adminArgs = ['--username', 'admin', '--display-name', '系统管理员', '--unit-name', '尧都区总工会', '--unit-level', 'district'];
    const weak = run('dist/apps/api/src/cli/create-admin.js', adminArgs, 'my-admin-password\n');
    expect(await exitCode(weak)).toBe(2);
    expect(output).toContain('password: must not contain the username');

    const adminPassword = newPassword();
    secrets.push(adminPassword);
    const createAdmin = run(
      'dist/apps/api/src/cli/create-admin.js',
      ['--username', 'admin', '--display-name', '系统管理员', '--unit-name', '尧都区总工会', '--unit-level', 'district'],
      `${adminPassword}\n`,
    );
    expect(await exitCode(createAdmin)).toBe(0);
    expect(output).toMatch(/Created the top unit "尧都区总工会" \(district\)/);
    expect(output).toMatch(/Created admin "admin"/);
    const again = run('dist/apps/api/src/cli/create-admin.js', ['--username', 'admin2', '--display-name', 'x', '--unit-id', '00000000-0000-4000-8000-000000000000'], `${adminPassword}\n`);
    expect(await exitCode(again)).toBe(1);

    const signIn = await eventually(async () => {
      const response = await api(baseUrl(), 'POST', '/auth/sign-in', { body: { username: 'admin', password: adminPassword } });
      expect(response.status).toBe(200);
      return response;
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    secrets.push(cookie.split('=')[1]);
    const asAdmin = { headers: { cookie } };
    const root = (await api(baseUrl(), 'GET', '/auth/me', asAdmin)).body.unit.id;
    const township = await api(baseUrl(), 'POST', '/units', { ...asAdmin, body: { name: '城关街道总工会', level: 'township', parentId: root } });
    expect(township.status).toBe(201);
    await eventually(async () => expect((await api(baseUrl(), 'GET', `/units/${township.body.id}`, asAdmin)).status).toBe(200));
    const caseworkerPassword = newPassword();
    secrets.push(caseworkerPassword);
    const account = await api(baseUrl(), 'POST', '/accounts', {
      ...asAdmin,
      body: { username: 'li.na', displayName: '李娜', role: 'caseworker', unitId: township.body.id, password: caseworkerPassword },
    });
    expect(account.status).toBe(201);
    const wrong = await api(baseUrl(), 'POST', '/auth/tokens', { body: { username: 'li.na', password: `${caseworkerPassword}x` } });
    expect(wrong.status).toBe(401);
    secrets.push(`${caseworkerPassword}x`);
    const issued = await api(baseUrl(), 'POST', '/auth/tokens', { body: { username: 'li.na', password: caseworkerPassword } });
    expect(issued.status).toBe(201);
    const token: string = issued.body.token;
    secrets.push(token);

    const registered = await api(baseUrl(), 'POST', '/enterprises', {
      token,
      body: {
        name: '尧都区某纺织有限公司',
        creditCode: '91350100M000100Y43',
        ownership: 'non_public',
        industry: 'textiles',
        unitId: township.body.id,
        employeeCount: 60,
        womenEmployeeCount: 41,
      },
    });
    expect(registered.status).toBe(201);
    const founded = await api(baseUrl(), 'POST', '/unions', {
      token,
      body: {
        name: '尧都区某纺织有限公司工会',
        kind: 'independent',
        unitId: township.body.id,
        coveredEnterpriseIds: [registered.body.id],
        foundedOn: '2026-03-08',
        chairName: '李娟',
        initialMemberCount: 55,
        womenCommitteeFounded: true,
        auditCommitteeFounded: true,
      },
    });
    expect(founded.status).toBe(201);
    await eventually(async () => expect((await api(baseUrl(), 'GET', `/unions/${founded.body.id}`, { token })).status).toBe(200));
    expect((await api(baseUrl(), 'POST', '/auth/sign-out', asAdmin)).status).toBe(204);
    expect((await api(baseUrl(), 'GET', '/auth/me', asAdmin)).status).toBe(401);

    expect(await stopWithCtrlC(first)).toBe(0);
    expect(output).not.toMatch(/Error|ERR!/);
    // No warning or error from the server, shutdown included (the CLI's refusals above are not JSON log lines).
    expect(output).not.toMatch(/"level":(40|50|60)/);

    const second = run('dist/apps/api/src/main.js');
    try {
      const union = await eventually(async () => {
        const response = await api(baseUrl(), 'GET', `/unions/${founded.body.id}`, { token });
        expect(response.status).toBe(200);
        return response;
      }, 60_000);
      expect(union.body).toMatchObject({ name: '尧都区某纺织有限公司工会', initialMemberCount: 55 });

      // The organizing tables rebuilt from the log by the command, beside the running server, which keeps answering.
      const unknown = run('dist/apps/api/src/cli/rebuild-projection.js', ['nonesuch']);
      expect(await exitCode(unknown)).toBe(2);
      expect(output).toContain('No projection nonesuch');
      const rebuild = run('dist/apps/api/src/cli/rebuild-projection.js', ['--projection', 'organizing']);
      expect(await exitCode(rebuild)).toBe(0);
      expect(output).toMatch(/Rebuilt organizing: \d+ events applied/);
      const rebuilt = await api(baseUrl(), 'GET', `/unions/${founded.body.id}`, { token });
      expect(rebuilt.status).toBe(200);
      expect(rebuilt.body).toEqual(union.body);
    } finally {
      expect(await stopWithCtrlC(second)).toBe(0);
    }

    // The request log did run (so the check below looked at something), and holds none of the secrets.
    expect(output).toMatch(/POST \/api\/auth\/tokens 201/);
    for (const secret of secrets) expect(output).not.toContain(secret);
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
