// append: our PostgresEventStore vs the peer (emmett-postgresql 0.42) vs raw INSERTs, on the same embedded server,
// each in its own database, all through a pg.Pool of the same size. For 1 and 8 concurrent writers × 1 and 10 events
// per append: events/s, appends/s, p50/p99 latency of one append (hdr-histogram, per call, client side).
//
// Every append goes to a NEW stream (a fresh name per append; ours with NO_STREAM, the peer with
// STREAM_DOES_NOT_EXIST), so no two writers ever contend for a stream in either store. Every case runs a warm-up
// first (same work, not measured), then a fixed measured time; each writer loops until the time is up.
// Raw PostgreSQL: a two-column table (identity key, jsonb of the same event) filled by one autocommitted INSERT per
// call: one row per commit for the 1-event cases, one 10-row INSERT per commit for the 10-event cases.
import pg from 'pg';
import { NO_STREAM } from '../../dist/libs/event-store/src/index.js';
import { benchEvent } from '../lib/events.mjs';
import { openOurStore } from '../lib/ours.mjs';
import { dropDatabases, newPlainDatabase, openPeerStore, peer, toPeerEvent, useOwnTypes, usePeerTypes } from '../lib/peer.mjs';
import { latencyRecorder, perSecond, round } from '../lib/stats.mjs';

export const name = 'append';

const POOL_SIZE = 8;
const WRITERS = [1, 8];
const EVENTS_PER_APPEND = [1, 10];

export async function run(ctx) {
  const warmupMs = Number(process.env.BENCH_APPEND_WARMUP_MS ?? (ctx.quick ? 1000 : 3000));
  const measureMs = Number(process.env.BENCH_APPEND_MS ?? (ctx.quick ? 3000 : 10_000));
  const databases = [];
  const closers = [];
  try {
    const opened = await openOurStore(ctx, 'append_ours', POOL_SIZE);
    const { url: oursUrl, store: ours } = opened;
    databases.push(oursUrl);
    closers.push(opened.close);

    const peerUrl = await newPlainDatabase(ctx.serverUrl, 'append');
    databases.push(peerUrl);
    const theirs = await openPeerStore(peerUrl, { poolMax: POOL_SIZE });
    useOwnTypes();
    closers.push(() => theirs.close());

    const rawUrl = await newPlainDatabase(ctx.serverUrl, 'append_raw');
    databases.push(rawUrl);
    const rawPool = new pg.Pool({ connectionString: rawUrl, max: POOL_SIZE });
    rawPool.on('error', () => undefined);
    closers.push(() => rawPool.end());
    await rawPool.query('CREATE TABLE bench_raw (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb NOT NULL)');

    let streams = 0;
    const targets = {
      ours: (events) => ours.appendToStream(`bench-${streams++}`, NO_STREAM, events),
      peer: (events) =>
        theirs.store.appendToStream(`bench-${streams++}`, events.map(toPeerEvent), { expectedStreamVersion: peer.emmett.STREAM_DOES_NOT_EXIST }),
      raw: (events) =>
        events.length === 1
          ? rawPool.query({ name: 'raw_insert_1', text: 'INSERT INTO bench_raw (data) VALUES ($1)', values: [JSON.stringify(events[0])] })
          : rawPool.query({ name: 'raw_insert_n', text: 'INSERT INTO bench_raw (data) SELECT jsonb_array_elements($1::jsonb)', values: [JSON.stringify(events)] }),
    };
    const measure = async (target, writers, perAppend) => {
      if (target === 'peer') usePeerTypes();
      try {
        await load(targets[target], writers, perAppend, warmupMs);
        return await load(targets[target], writers, perAppend, measureMs);
      } finally {
        useOwnTypes();
      }
    };

    const rows = [];
    let singleRowCommits = {};
    for (const perAppend of EVENTS_PER_APPEND) {
      for (const writers of WRITERS) {
        const label = `${writers} writer${writers > 1 ? 's' : ''}, ${perAppend} event${perAppend > 1 ? 's' : ''}/append`;
        ctx.log(`append: ${label}…`);
        const result = {};
        for (const target of ['ours', 'peer', 'raw']) {
          result[target] = await measure(target, writers, perAppend);
          ctx.log(`append:   ${target}: ${Math.round(result[target].eventsPerSecond)} events/s, p50 ${result[target].p50} ms, p99 ${result[target].p99} ms`);
        }
        if (perAppend === 1) singleRowCommits[writers] = result.raw.appendsPerSecond;
        const rawCommitsPerSecond = perAppend === 1 ? result.raw.appendsPerSecond : singleRowCommits[writers];
        const peerFactor = writers === 1 ? 2 : 3;
        const ratioPeer = result.ours.eventsPerSecond / result.peer.eventsPerSecond;
        const ratioRaw = result.ours.eventsPerSecond / result.raw.eventsPerSecond;
        const common = `new stream per append; pool ${POOL_SIZE}; ${measureMs / 1000} s after ${warmupMs / 1000} s warm-up`;
        rows.push(
          {
            section: name,
            case: label,
            metric: 'events/s',
            unit: 'events/s',
            value: round(result.ours.eventsPerSecond),
            peer: round(result.peer.eventsPerSecond),
            limit: round(result.raw.eventsPerSecond),
            goal: `≥ ${peerFactor}× peer, ≥ 80% raw`,
            met: ratioPeer >= peerFactor && ratioRaw >= 0.8,
            note: `${common}; raw = ${perAppend === 1 ? 'one 1-row INSERT per commit' : 'one 10-row INSERT per commit'}; ${result.ours.appends} appends measured`,
          },
          {
            section: name,
            case: label,
            metric: 'appends/s',
            unit: 'appends/s',
            value: round(result.ours.appendsPerSecond),
            peer: round(result.peer.appendsPerSecond),
            limit: round(rawCommitsPerSecond),
            note: `${common}; raw = single-row INSERTs, one row per commit, same writers`,
          },
          latencyRow(label, 'p50 latency', 'p50', result),
          latencyRow(label, 'p99 latency', 'p99', result),
        );
      }
    }
    return rows;
  } finally {
    useOwnTypes();
    for (const close of closers.reverse()) await close().catch((error) => ctx.log(`append: cleanup: ${error.message}`));
    await dropDatabases(ctx.serverUrl, databases).catch((error) => ctx.log(`append: drop databases: ${error.message}`));
  }
}

function latencyRow(label, metric, key, result) {
  return {
    section: name,
    case: label,
    metric,
    unit: 'ms per append',
    value: round(result.ours[key]),
    peer: round(result.peer[key]),
    limit: round(result.raw[key]),
    note: 'client-side time of one append call (raw: one INSERT call), hdr-histogram',
  };
}

/** `writers` concurrent loops calling append(events) until `durationMs` is up; rates over the whole wall time. */
async function load(append, writers, perAppend, durationMs) {
  const recorders = Array.from({ length: writers }, () => latencyRecorder());
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    recorders.map(async (recorder) => {
      while (performance.now() < deadline) {
        const events = Array.from({ length: perAppend }, benchEvent);
        const t0 = performance.now();
        await append(events);
        recorder.record(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const all = recorders[0];
  for (const recorder of recorders.slice(1)) all.add(recorder);
  const appends = all.count;
  const result = {
    appends,
    eventsPerSecond: perSecond(appends * perAppend, elapsed),
    appendsPerSecond: perSecond(appends, elapsed),
    p50: all.p(50),
    p99: all.p(99),
  };
  for (const recorder of recorders) recorder.destroy();
  return result;
}
