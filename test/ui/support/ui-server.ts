import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, eventually } from '../../support/test-app.js';

/**
 * The server as the README's run command starts it (the built `dist/`, embedded PostgreSQL in a fresh data
 * directory), with the first admin made by the create-admin command: what a user opens in the browser.
 */
export interface UiServer {
  readonly origin: string;
  readonly port: number;
  readonly apiUrl: string;
  readonly adminPassword: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startUiServer(): Promise<UiServer> {
  if (!existsSync('dist/admin-ui/index.html')) throw new Error('dist/admin-ui is missing: run `npm run build` first');
  const dataDir = join(await mkdtemp(join(tmpdir(), 'unioncase-ui-')), 'postgres');
  const port = await freePort();
  let output = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    UNIONCASE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Three browsers and the seeding sign in from one address within a minute.
    SIGN_IN_RATE_LIMIT: '1000',
  };
  delete env.DATABASE_URL;
  const run = (script: string, args: string[] = [], stdin?: string): ChildProcess => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.stdin?.end(stdin);
    return child;
  };
  const server = run('dist/apps/api/src/main.js');
  const origin = `http://127.0.0.1:${port}`;
  const apiUrl = `${origin}/api`;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  try {
    await eventually(async () => {
      const health = await api(apiUrl, 'GET', '/health');
      if (health.status !== 200) throw new Error(`health ${health.status}`);
    }, 90_000);
    const adminPassword = 'Yaodu-federation-2026!';
    const createAdmin = run(
      'dist/apps/api/src/cli/create-admin.js',
      ['--username', 'admin', '--display-name', '系统管理员', '--unit-name', '尧都区总工会', '--unit-level', 'district'],
      `${adminPassword}\n`,
    );
    const code = await new Promise<number | null>((resolve) => createAdmin.once('exit', resolve));
    if (code !== 0) throw new Error(`create-admin exited with ${code}:\n${output.slice(-3000)}`);
    return {
      origin,
      port,
      apiUrl,
      adminPassword,
      output: () => output,
      stop: async () => {
        server.kill('SIGINT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      },
    };
  } catch (error) {
    server.kill('SIGKILL');
    throw new Error(`The server did not come up: ${(error as Error).message}\n${output.slice(-3000)}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `npm run demo-data` as a user runs it against the server: the admin's password on standard input. */
export async function runDemoDataCommand(server: UiServer, demoPassword: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(server.port), UNIONCASE_DEMO_PASSWORD: demoPassword };
  delete env.UNIONCASE_ADMIN_PASSWORD;
  const child = spawn(process.execPath, ['dist/apps/api/src/cli/demo-data.js'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  child.stdin?.end(`${server.adminPassword}\n`);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}
