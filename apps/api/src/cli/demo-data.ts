import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { seedDemoFederation } from './demo-federation.js';
import { readPassword } from './read-password.js';

const USAGE = `Fills a running UnionCase with a demo district federation, through its HTTP API as its people would: a
township, a caseworker, a supervisor and an auditor, a fund with money, a winter-warmth programme, targets, an
enterprise with its union and wage talks, a worker's hardship file, a job seeker and a job fair.

  npm run demo-data -- [--url http://localhost:3000/api] [--admin admin]

Signs in as the admin (made first with create-admin); the admin's password is read from the terminal (not
echoed), standard input or UNIONCASE_ADMIN_PASSWORD. The three new accounts get UNIONCASE_DEMO_PASSWORD, or a
random password printed once at the end. For trying the system out, not for a federation's real database.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, admin: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const apiUrl = (values.url ?? `http://localhost:${process.env.PORT ?? 3000}/api`).replace(/\/$/, '');
  const adminUsername = values.admin ?? 'admin';
  const adminPassword = await readPassword(`Password of ${adminUsername} (not shown): `);
  const password = process.env.UNIONCASE_DEMO_PASSWORD ?? `Demo-${randomBytes(9).toString('base64url')}`;
  try {
    const federation = await seedDemoFederation({ apiUrl, adminUsername, adminPassword, password });
    const origin = apiUrl.replace(/\/api$/, '');
    process.stdout.write(
      [
        `Demo federation made on ${origin}/ (${federation.today}).`,
        `Sign in there as any of these, with the password ${process.env.UNIONCASE_DEMO_PASSWORD ? 'in UNIONCASE_DEMO_PASSWORD' : password}:`,
        `  ${federation.users.caseworker.padEnd(12)} 李娜  caseworker, 城关街道总工会`,
        `  ${federation.users.supervisor.padEnd(12)} 王强  supervisor, the district`,
        `  ${federation.users.auditor.padEnd(12)} 赵敏  auditor, the district`,
        `Hardship file: ${federation.file.name}; fund: ${federation.fundName}; programme: ${federation.programmeName}.`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    process.stderr.write(`demo-data: ${message}\n`);
    if (/ECONNREFUSED|fetch failed/.test(message)) process.stderr.write(`demo-data: is the server running at ${apiUrl}? Start it with npm start.\n`);
    return 1;
  }
}

process.exitCode = await main();
