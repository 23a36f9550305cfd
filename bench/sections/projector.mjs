// Projector: catch-up from position 0 of every projection, and a full rebuild of every read model, on a realistic
// log of each size (bench/lib/realistic-log.mjs), with the peak resident memory of the server doing the rebuild.
//
// Catch-up: the projector process as `npm run project` runs it (dist/apps/api/src/cli/project.js) on a database
// holding only the log; timed from its spawn until every projection's checkpoint (read_model.projection_checkpoints)
// is at the log's head. Each projection reads the whole log, so N events/s means every projection got through N.
// Rebuild: the API server (bench/lib/api-server.mjs: the app main.js serves, on loopback, its live projector and
// sealer off so nothing else competes) rebuilds each projection in turn through POST
// /api/admin/projections/:name/rebuild; the duration of each is the rebuild's own startedAt → finishedAt (copies
// built from the start of the log, swapped in); the total is their sum. Peak memory: VmHWM of that server process.
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
        goal: '< 60 s at 1M events',
        ...(size >= MILLION ? { met: total < 60 } : {}),
      });
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

function willRun(section) {
  const index = process.argv.indexOf('--only');
  const only = index >= 0 ? process.argv[index + 1] : process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);
  return !only || only.split(',').includes(section);
}
