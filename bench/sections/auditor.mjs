// Auditor: on a realistic log of each size (bench/lib/realistic-log.mjs, shared with the projector section):
// - sealing: the API server (bench/lib/api-server.mjs, the app main.js serves, on loopback; its live projector off,
//   the read models being built already) chains the whole log from nothing; timed from the server's spawn until
//   GET /api/health shows the audit chain 0 events behind (start-up included);
// - balance-as-of of one fund: GET /api/funds/:id/balance?asOf=… as the auditor over HTTP, 50 calls one after
//   another after 5 warm-up calls, p50/p99 (hdr-histogram-js);
// - verify of the whole log: `npm run verify-log`'s dist/apps/api/src/cli/verify-log.js, timed from spawn to exit
//   (process start-up included), with its report's verifiedEvents and ok.
// If the read models are not built yet (the projector section did not run), the projector process builds them
// first (not timed here).
import hdr from 'hdr-histogram-js';
import { describeMix, dropRealisticLogs, realisticLog } from '../lib/realistic-log.mjs';
import { catchUp, DIST, json, projectionNames, projectionState, startNode, startServer, token } from '../lib/procs.mjs';

export const name = 'auditor';

const MILLION = 1_000_000;
const CALLS = 50;

export async function run(ctx) {
  const rows = [];
  const sizes = ctx.sizes.filter((size) => !ctx.quick || size < MILLION);
  try {
    for (const size of sizes) {
      const log = await realisticLog(ctx, size);
      const timeoutMs = Math.max(120_000, size * 2);
      const label = `${size.toLocaleString('en')} events`;
      const names = await projectionNames(log.env);
      const { head, checkpoints } = await projectionState(log.url);
      if (!names.every((projection) => checkpoints.some((c) => c.projection === projection && c.commit === head.commit && c.prepare === head.prepare))) {
        if (size === sizes[0]) ctx.log(`auditor: mix of the log: ${describeMix(log.mix)}`);
        ctx.log(`auditor: building the read models over ${size} events first (not timed)…`);
        await catchUp(log, log.env, names, timeoutMs, ctx.log);
      }

      ctx.log(`auditor: sealing ${size} events…`);
      const spawned = performance.now();
      const server = await startServer({ ...log.env, PROJECTOR_ENABLED: 'false', AUDIT_SEALER_ENABLED: 'true' }, ctx.log);
      try {
        const listening = performance.now();
        let chain;
        for (const deadline = Date.now() + timeoutMs; ; ) {
          chain = (await json(server.base, 'GET', '/health')).body?.auditChain;
          if (chain && chain.eventsBehind === 0 && !chain.eventsBehindCapped && chain.chainedEvents >= size) break;
          if (chain?.lastError) throw new Error(`Sealing failed: ${chain.lastError}`);
          if (Date.now() > deadline) throw new Error(`Sealing did not finish in ${timeoutMs / 1000} s: ${JSON.stringify(chain)}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const sealSeconds = (performance.now() - spawned) / 1000;
        rows.push({
          section: name,
          case: `${label}, seal the audit chain from nothing`,
          metric: 'seconds',
          value: sealSeconds,
          unit: 's',
          note: `${chain.chainedEvents} events chained (${Math.round(chain.chainedEvents / sealSeconds).toLocaleString('en')}/s), latest checkpoint #${chain.latestCheckpoint?.sequence ?? '—'}; includes the server's start-up (${((listening - spawned) / 1000).toFixed(1)} s to listening)`,
        });

        const auditor = await token(server.base, log.accounts.auditor, log.accounts.password);
        const asOf = log.accounts.midway; // halfway through the seed's history: about half of the fund's ledger counts
        const path = `/funds/${log.fundId}/balance?asOf=${encodeURIComponent(asOf)}`;
        let answer;
        for (let i = 0; i < 5; i++) answer = await json(server.base, 'GET', path, { token: auditor });
        if (answer.status !== 200) throw new Error(`Balance-as-of answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
        for (let i = 0; i < CALLS; i++) {
          const started = performance.now();
          const response = await json(server.base, 'GET', path, { token: auditor });
          histogram.recordValue(Math.max(1, Math.round((performance.now() - started) * 1000)));
          if (response.status !== 200) throw new Error(`Balance-as-of answered ${response.status}`);
        }
        const p50 = histogram.getValueAtPercentile(50) / 1000;
        const p99 = histogram.getValueAtPercentile(99) / 1000;
        histogram.destroy?.();
        const balanceNote = `one fund as of ${asOf} (balance ${answer.body?.balanceFen ?? '?'} fen), ${CALLS} calls one after another over HTTP`;
        rows.push({ section: name, case: `${label}, balance-as-of p50`, metric: 'ms', value: p50, unit: 'ms', note: balanceNote });
        rows.push({
          section: name,
          case: `${label}, balance-as-of p99`,
          metric: 'ms',
          value: p99,
          unit: 'ms',
          goal: '< 50 ms at 1M events',
          ...(size >= MILLION ? { met: p99 < 50 } : {}),
        });
      } finally {
        await server.stop();
      }

      ctx.log(`auditor: verify of ${size} events…`);
      const started = performance.now();
      const verify = startNode(`${DIST}cli/verify-log.js`, [], log.env, ctx.log);
      const timer = setTimeout(() => verify.child.kill('SIGKILL'), timeoutMs);
      const { code, stdout, stderr } = await verify.exited;
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      let report;
      try {
        report = JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.indexOf('\n}') + 2)); // the report, then a summary line
      } catch {
        throw new Error(`verify-log exited ${code} without a report: ${stderr.slice(-1500)}`);
      }
      rows.push({
        section: name,
        case: `${label}, verify of the whole log`,
        metric: 'seconds',
        value: seconds,
        unit: 's',
        goal: '< 60 s at 1M events',
        ...(size >= MILLION ? { met: seconds < 60 } : {}),
        note: `verify-log exit ${code}, ok=${report.ok}, ${report.verifiedEvents} events (${Math.round(report.verifiedEvents / seconds).toLocaleString('en')}/s incl. start-up), ${report.checkpointsHeld} checkpoints; peak RSS ${Math.round(verify.peak())} MiB`,
      });
    }
  } finally {
    await dropRealisticLogs(ctx);
  }
  return rows;
}
