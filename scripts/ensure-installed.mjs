// Lets `npm start` and `npm test` work on a fresh clone: installs dependencies from the lockfile when they are missing or stale.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installedMarker = 'node_modules/.package-lock.json';
const stale = !existsSync(installedMarker) || statSync('package-lock.json').mtimeMs > statSync(installedMarker).mtimeMs;
if (stale) {
  process.stderr.write('unioncase: installing dependencies (npm install)...\n');
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' });
}
