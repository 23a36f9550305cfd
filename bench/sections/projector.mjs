// Projector: catch-up from position 0 of every projection, and a full rebuild of every read model, on a realistic
// log of each size (bench/lib/realistic-log.mjs), with the peak resident memory of the server doing the rebuild.
//
// Catch-up: the projector process as `npm run project` runs it (dist/apps/api/src/cli/project.js) on a database
// holding only the log; timed from its spawn until every projection's checkpoint (read_model.projection_checkpoints)
// is at the log's head. Each projection reads the whole log, so N events/s means every projection got through N.
// Rebuild: the API server (bench/lib/api-server.mjs: the app main.js serves, on loopback, its live projector and
// sealer off so nothing else competes) rebuilds each projection in turn through POST
// /api/admin/projections/:name/rebuild; the duration of each is the rebuild's own startedAt → finishedAt (copies
// built from the start of the log, swapped in); their sum is one figure. Then all of them are started at once
// and timed from the first start to the last swap. Peak memory: VmHWM of that server process over both.
import { describeMix, dropRealisticLogs, realisticLog } from '../lib/realistic-log.mjs';
import { catchUp, json, projectionNames, startServer, token } from '../lib/procs.mjs';

export const name = 'projector';

const MILLION = 1_000_000;

export async function run(ctx) {
  const rows = [];
  const sizes = ctx.sizes.filter((size) => !ctx.quick || size < MILLION);
  for (const size of sizes) {
    const log = await realisticLog(ctx, size);
    const names = await projectionNames(log.env);
    if (size === sizes[0]) ctx.log(`projector: mix of the log (seed of ${log.seedEvents} events): ${describeMix(log.mix)}`);

    const timeoutMs = Math.max(120_000, size * 2); // 2 ms an event: far past any plausible run, but bounded
    ctx.log(`projector: catch-up of ${names.length} projections over ${size} events…`);
    const caught = await catchUp(log, log.env, names, timeoutMs, ctx.log);
    const rate = size / caught.seconds;
    rows.push({
      section: name,
      case: `${size.toLocaleString('en')} events, catch-up from 0, ${names.length} projections`,
      metric: 'events/s',
      value: Math.round(rate),
      unit: 'events/s',
      goal: '≥ 20,000 events/s',
      ...(size >= 100_000 ? { met: rate >= 20_000 } : {}),
      note: `${caught.seconds.toFixed(1)} s from the projector's start (${Math.round(size / caught.secondsFromFirstBatch).toLocaleString('en')}/s from its first committed batch); projector peak RSS ${Math.round(caught.peakMiB)} MiB${caught.failures.length ? `; ${caught.failures.length} failed batches retried, first: ${caught.failures[0].slice(0, 200)}` : ''}`,
    });

    ctx.log(`projector: rebuild of every read model over ${size} events…`);
    const server = await startServer({ ...log.env, PROJECTOR_ENABLED: 'false', AUDIT_SEALER_ENABLED: 'false' }, ctx.log);
    try {
      const startRss = server.peak();
      const admin = await token(server.base, log.accounts.admin, log.accounts.password);
      let total = 0;
      for (const projection of names) {
        const started = await json(server.base, 'POST', `/admin/projections/${projection}/rebuild`, { token: admin });
        if (started.status !== 202) throw new Error(`Rebuild of ${projection} refused: ${started.status} ${JSON.stringify(started.body)}`);
        const deadline = Date.now() + timeoutMs;
        let status;
        for (;;) {
          const overview = await json(server.base, 'GET', '/admin/projections', { token: admin });
          const rebuild = overview.body.find((entry) => entry.name === projection)?.rebuild;
          status = rebuild?.current ?? rebuild?.lastFinished;
          if (status && status.finishedAt && status.startedAt === started.body.startedAt) break;
          if (Date.now() > deadline) throw new Error(`Rebuild of ${projection} did not finish in ${timeoutMs / 1000} s`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (status.state !== 'succeeded') throw new Error(`Rebuild of ${projection} ${status.state}: ${status.error}`);
        const seconds = (Date.parse(status.finishedAt) - Date.parse(status.startedAt)) / 1000;
        total += seconds;
        rows.push({
          section: name,
          case: `${size.toLocaleString('en')} events, rebuild ${projection}`,
          metric: 'seconds',
          value: seconds,
          unit: 's',
          note: `${status.eventsRead} events read, ${status.eventsApplied} applied, ${status.swapAttempts} swap attempt(s)`,
        });
        ctx.log(`projector: rebuilt ${projection} in ${seconds.toFixed(1)} s`);
      }
      rows.push({
        section: name,
        case: `${size.toLocaleString('en')} events, rebuild of every read model (${names.length}, one after another)`,
        metric: 'seconds',
        value: total,
        unit: 's',
        note: 'the sum of the rebuilds above, each started when the one before had finished',
      });
      // The same rebuilds started all at once (each projection has its own rebuild lock): the wall time until the last
      // one is swapped in, which is what an operator rebuilding everything waits for.
      const together = await rebuildAllAtOnce(server, admin, names, timeoutMs);
      rows.push({
        section: name,
        case: `${size.toLocaleString('en')} events, rebuild of every read model (${names.length}, all started at once)`,
        metric: 'seconds',
        value: together.seconds,
        unit: 's',
        goal: '< 60 s at 1M events',
        ...(size >= MILLION ? { met: together.seconds < 60 } : {}),
        note: `from the first start to the last swap; slowest ${together.slowest}`,
      });
      ctx.log(`projector: rebuilt all ${names.length} at once in ${together.seconds.toFixed(1)} s`);
      rows.push({
        section: name,
        case: `${size.toLocaleString('en')} events, peak RSS of the server during the rebuilds`,
        metric: 'MiB',
        value: Math.round(server.peak()),
        unit: 'MiB',
        note: `VmHWM of the API process; ${Math.round(startRss)} MiB once it was listening`,
      });
    } finally {
      await server.stop();
    }
  }
  // The auditor section reuses the databases (and their read models) when it runs next; otherwise drop them now.
  if (!willRun('auditor')) await dropRealisticLogs(ctx);
  return rows;
}

async function rebuildAllAtOnce(server, admin, names, timeoutMs) {
  const started = new Map();
  for (const projection of names) {
    const answer = await json(server.base, 'POST', `/admin/projections/${projection}/rebuild`, { token: admin });
    if (answer.status !== 202) throw new Error(`Rebuild of ${projection} refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    started.set(projection, answer.body.startedAt);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const overview = await json(server.base, 'GET', '/admin/projections', { token: admin });
    const statuses = names.map((projection) => {
      const rebuild = overview.body.find((entry) => entry.name === projection)?.rebuild;
      const status = rebuild?.current ?? rebuild?.lastFinished;
      return status && status.startedAt === started.get(projection) && status.finishedAt ? { projection, ...status } : null;
    });
    if (statuses.every(Boolean)) {
      const failed = statuses.find((status) => status.state !== 'succeeded');
      if (failed) throw new Error(`Rebuild of ${failed.projection} ${failed.state}: ${failed.error}`);
      const first = Math.min(...statuses.map((status) => Date.parse(status.startedAt)));
      const last = statuses.reduce((a, b) => (Date.parse(a.finishedAt) >= Date.parse(b.finishedAt) ? a : b));
      return { seconds: (Date.parse(last.finishedAt) - first) / 1000, slowest: last.projection };
    }
    if (Date.now() > deadline) throw new Error(`The rebuilds did not finish in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function willRun(section) {
  const index = process.argv.indexOf('--only');
  const only = index >= 0 ? process.argv[index + 1] : process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);
  return !only || only.split(',').includes(section);
}
