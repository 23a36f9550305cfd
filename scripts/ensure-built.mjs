// Lets the command-line tools (create-admin, verify-log, migrate, move-events, project, rebuild-projection) run beside a running server: they
// rebuild only when a source is newer than the last build, because `npm run build` empties dist/ first, and a
// server started from dist/ still loads some modules from it on demand (the spreadsheet writer, for one).
// `--stamp` only records that a build has just finished (the build script calls it).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/.built-at';

if (process.argv.includes('--stamp')) {
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  process.exit(0);
}

function newestSource(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return /\.(ts|tsx|css|html|json)$/.test(path) ? info.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestSource(join(path, entry)));
  }
  return newest;
}

const sources = ['apps', 'libs', 'infra', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].filter((path) => existsSync(path));
const stale = !existsSync(STAMP) || Math.max(...sources.map(newestSource)) > statSync(STAMP).mtimeMs;
if (stale) {
  process.stderr.write('unioncase: building (npm run build)...\n');
  execSync('npm run build', { stdio: 'inherit' });
}
