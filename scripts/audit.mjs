#!/usr/bin/env node
// Fails when npm audit reports a vulnerability of high or critical severity in any installed package.
// When the registry's audit service cannot be reached (some mirrors and sandboxes answer 405), there is nothing
// to judge: it says so loudly and passes, unless UNIONCASE_AUDIT_REQUIRED=true makes that a failure too.
// `node scripts/audit.mjs saved-report.json` judges a saved `npm audit --json` report instead of asking the registry.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const saved = process.argv[2];
const result = saved
  ? { stdout: readFileSync(saved, 'utf8'), stderr: '' }
  : spawnSync('npm', ['audit', '--json', '--audit-level=high'], { encoding: 'utf8', shell: process.platform === 'win32' });
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  report = undefined;
}

const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason = report?.message ?? report?.error?.summary ?? (result.stderr || 'no report').trim().split('\n').pop();
  console.warn(`npm audit: the audit service could not be asked (${reason}); no verdict on dependencies.`);
  process.exit(process.env.UNIONCASE_AUDIT_REQUIRED === 'true' ? 1 : 0);
}

const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `npm audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
if (serious > 0) {
  for (const [name, vulnerability] of Object.entries(report.vulnerabilities ?? {})) {
    if (vulnerability.severity === 'high' || vulnerability.severity === 'critical') {
      console.error(`  ${vulnerability.severity}: ${name} ${vulnerability.range ?? ''} (fix available: ${vulnerability.fixAvailable ? 'yes' : 'no'})`);
    }
  }
  process.exit(1);
}
