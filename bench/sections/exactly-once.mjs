// exactly-once: 8 concurrent writers append N events while global readers follow the log from its start; when the
// writes are over and every committed event is visible, each reader finishes to the head. Every delivered event id
// is counted against the ids written: missing (never delivered) and duplicated (delivered more than once).
//
// Ours: subscribeToAll from START in batches of 500 (exactly how libs/projections' projector reads) and, beside it,
// a plain readAll loop (batches of 500, how a rebuild reads). The peer, emmett-postgresql 0.42: its consumer with a
// reactor processor from BEGINNING (store.consumer().reactor(...): the pull loop and per-message checkpoint its
// projections run on, default pulling: batches of 100, 50 ms), and beside it a readMessagesBatch loop (batches of
// 500, what that consumer pulls with, without the sleeps). Same writers for both: 8 writers, 1 event per append,
// each writing its own streams 10 appends per stream with the exact expected revision, pool of 10 connections.
//
// Then `global read`: the whole log (N events) read again with no writes going on, in events/s.
import { exactly, NO_STREAM, START } from '../../dist/libs/event-store/src/index.js';
import { benchEvent } from '../lib/events.mjs';
import { openOurStore } from '../lib/ours.mjs';
import { dropDatabases, newPlainDatabase, openPeerStore, peer, peerExecutor, toPeerEvent, useOwnTypes, usePeerTypes } from '../lib/peer.mjs';
import { perSecond, round } from '../lib/stats.mjs';

export const name = 'exactly-once';

const WRITERS = 8;
const APPENDS_PER_STREAM = 10;
const POOL_SIZE = WRITERS + 2;
const BATCH = 500;
const FINISH_TIMEOUT_MS = 120_000;

export async function run(ctx) {
  const total = Math.max(WRITERS, Number(process.env.BENCH_EXACTLY_ONCE_EVENTS ?? Math.min(...ctx.sizes)));
  const perWriter = Math.ceil(total / WRITERS);
  const readSeconds = ctx.quick ? 1.5 : 5;
  const databases = [];
  const closers = [];
  try {
    // ---------------------------------------------------------------- ours
    const opened = await openOurStore(ctx, 'exactly_once_ours', POOL_SIZE);
    const { url: oursUrl, pool: oursPool, store: ours } = opened;
    databases.push(oursUrl);
    closers.push(opened.close);
    const oursVisible = visibilityProbe(oursPool, 'event_store.events');

    ctx.log(`exactly-once: ours, ${WRITERS} writers × ${perWriter} events with 2 readers following…`);
    const oursRun = await concurrently({
      write: (writer, i, event) => {
        const k = i % APPENDS_PER_STREAM;
        return ours.appendToStream(`ex-w${writer}-s${Math.floor(i / APPENDS_PER_STREAM)}`, k === 0 ? NO_STREAM : exactly(k - 1), [event]);
      },
      perWriter,
      readers: {
        subscription: (tracker, done) => followSubscription(ours, tracker, done, oursVisible),
        readAll: (tracker, done) => followReadAll(ours, tracker, done, oursVisible),
      },
    });
    ctx.log(`exactly-once: ours: ${describe(oursRun)}`);

    ctx.log('exactly-once: ours, global read of the whole log…');
    const oursBatchRate = await repeatRead(readSeconds, async () => {
      let read = 0;
      let after = START;
      for (;;) {
        const slice = await ours.readAll({ after, maxCount: BATCH });
        read += slice.events.length;
        after = slice.lastPosition;
        if (slice.isEnd) return read;
      }
    });
    const oursSubscriptionRate = await repeatRead(readSeconds, async () => {
      const controller = new AbortController();
      let read = 0;
      for await (const batch of ours.subscribeToAll({ signal: controller.signal, maxBatchSize: BATCH })) {
        read += batch.events.length;
        if (batch.caughtUp) controller.abort();
      }
      return read;
    });

    // ---------------------------------------------------------------- peer
    const peerUrl = await newPlainDatabase(ctx.serverUrl, 'exactly_once');
    databases.push(peerUrl);
    const theirs = await openPeerStore(peerUrl, { poolMax: POOL_SIZE });
    closers.push(() => theirs.close());
    const executor = peerExecutor(peerUrl, theirs.pool);
    const peerVisible = visibilityProbe(theirs.pool, 'emt_messages');
    let peerRun;
    let peerBatchRate;
    let peerConsumerRate;
    usePeerTypes();
    try {
      ctx.log(`exactly-once: peer, ${WRITERS} writers × ${perWriter} events with 2 readers following…`);
      peerRun = await concurrently({
        write: (writer, i, event) => {
          const k = i % APPENDS_PER_STREAM;
          return theirs.store.appendToStream(`ex-w${writer}-s${Math.floor(i / APPENDS_PER_STREAM)}`, [toPeerEvent(event)], {
            expectedStreamVersion: k === 0 ? peer.emmett.STREAM_DOES_NOT_EXIST : BigInt(k),
          });
        },
        perWriter,
        readers: {
          subscription: (tracker, done) => followPeerConsumer(theirs.store, tracker, done, peerVisible, 'bench-exactly-once'),
          readAll: (tracker, done) => followPeerBatches(executor, tracker, done, peerVisible),
        },
      });
      ctx.log(`exactly-once: peer: ${describe(peerRun)}`);

      ctx.log('exactly-once: peer, global read of the whole log…');
      peerBatchRate = await repeatRead(readSeconds, async () => {
        let read = 0;
        let after = 0n;
        for (;;) {
          const batch = await peer.readMessagesBatch(executor.execute, { after, batchSize: BATCH });
          read += batch.messages.length;
          after = batch.currentGlobalPosition;
          if (!batch.areMessagesLeft) return read;
        }
      });
      let pass = 0;
      // The consumer at its defaults reads ~1,000 events/s: one pass is enough.
      peerConsumerRate = await repeatRead(0, async () => {
        let read = 0;
        const consumer = theirs.store.consumer({ stopWhen: { noMessagesLeft: true } });
        consumer.reactor({ processorId: `bench-global-read-${pass++}`, startFrom: 'BEGINNING', eachMessage: () => void read++ });
        try {
          await consumer.start();
        } finally {
          await consumer.stop();
        }
        return read;
      });
    } finally {
      useOwnTypes();
    }

    const rows = [];
    const caseLabel = `${WRITERS} writers × ${perWriter.toLocaleString('en')} events, 1/append`;
    for (const [reader, label, peerLabel] of [
      ['subscription', 'subscribeToAll(500)', 'consumer+reactor, default pulling'],
      ['readAll', 'readAll loop(500)', 'readMessagesBatch loop(500)'],
    ]) {
      const o = oursRun.readers[reader];
      const p = peerRun.readers[reader];
      const note = `ours: ${label}, ${o.delivered} delivered, ${o.outOfOrder} out of position order${o.timedOut ? ', TIMED OUT' : ''}; peer: ${peerLabel}, ${p.delivered} delivered${p.timedOut ? ', TIMED OUT' : ''}; ${oursRun.written} written each`;
      rows.push(
        { section: name, case: `${caseLabel}, ${label}`, metric: 'missing', unit: 'events', value: o.missing, peer: p.missing, goal: '0', met: o.missing === 0, note },
        { section: name, case: `${caseLabel}, ${label}`, metric: 'duplicated', unit: 'events', value: o.duplicated, peer: p.duplicated, goal: '0', met: o.duplicated === 0, note },
      );
    }
    rows.push(
      {
        section: name,
        case: `global read, batch reader (${oursRun.written.toLocaleString('en')} events)`,
        metric: 'events/s',
        unit: 'events/s',
        value: round(oursBatchRate.rate),
        peer: round(peerBatchRate.rate),
        goal: '≥ 50,000',
        met: oursBatchRate.rate >= 50_000,
        note: `ours readAll, batches of ${BATCH}, ${oursBatchRate.passes} passes; peer readMessagesBatch, batches of ${BATCH}, ${peerBatchRate.passes} passes; no writes meanwhile`,
      },
      {
        section: name,
        case: `global read, subscription (${oursRun.written.toLocaleString('en')} events)`,
        metric: 'events/s',
        unit: 'events/s',
        value: round(oursSubscriptionRate.rate),
        peer: round(peerConsumerRate.rate),
        goal: '≥ 50,000',
        met: oursSubscriptionRate.rate >= 50_000,
        note: `ours subscribeToAll(${BATCH}) from START to caught up, ${oursSubscriptionRate.passes} passes; peer consumer+reactor at defaults (batches of 100, 50 ms pulling, checkpoint per message) from BEGINNING until no messages left, ${peerConsumerRate.passes} pass`,
      },
    );
    return rows;
  } finally {
    useOwnTypes();
    for (const close of closers.reverse()) await close().catch((error) => ctx.log(`exactly-once: cleanup: ${error.message}`));
    await dropDatabases(ctx.serverUrl, databases).catch((error) => ctx.log(`exactly-once: drop databases: ${error.message}`));
  }
}

function describe(result) {
  return Object.entries(result.readers)
    .map(([reader, r]) => `${reader}: ${r.delivered} delivered, ${r.missing} missing, ${r.duplicated} duplicated, ${r.outOfOrder} out of order${r.timedOut ? ' (timed out)' : ''}`)
    .join('; ');
}

/**
 * Runs the writers and the readers together. Each reader gets a tracker (seen(id, position)) and a `done` view:
 * `done.writesOver` turns true when every writer has finished. Readers return when they have reached the head.
 */
async function concurrently({ write, perWriter, readers }) {
  const written = new Set();
  const done = { writesOver: false, deadline: Infinity };
  const trackers = Object.fromEntries(Object.keys(readers).map((reader) => [reader, tracker()]));
  const reading = Object.entries(readers).map(([reader, follow]) => follow(trackers[reader], done));
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let i = 0; i < perWriter; i++) {
        const event = benchEvent();
        await write(writer, i, event);
        written.add(event.metadata.eventId);
      }
    }),
  );
  done.writesOver = true;
  done.deadline = performance.now() + FINISH_TIMEOUT_MS;
  const timedOut = await Promise.all(reading);
  return {
    written: written.size,
    readers: Object.fromEntries(Object.keys(readers).map((reader, index) => [reader, { ...trackers[reader].count(written), timedOut: timedOut[index] === 'timeout' }])),
  };
}

function tracker() {
  const times = new Map();
  let delivered = 0;
  let outOfOrder = 0;
  let last;
  return {
    /** position: a comparable value (ours: [commit, prepare] as bigints; the peer: its global position). */
    seen(id, position) {
      delivered++;
      times.set(id, (times.get(id) ?? 0) + 1);
      if (last !== undefined && position !== undefined && compare(position, last) <= 0) outOfOrder++;
      if (position !== undefined) last = position;
    },
    get delivered() {
      return delivered;
    },
    count(written) {
      let missing = 0;
      let duplicated = 0;
      for (const id of written) {
        const n = times.get(id) ?? 0;
        if (n === 0) missing++;
        else duplicated += n - 1;
      }
      let unknown = 0;
      for (const id of times.keys()) if (!written.has(id)) unknown++;
      return { delivered, missing, duplicated, outOfOrder, unknown };
    },
  };
}

function compare(a, b) {
  if (Array.isArray(a)) return a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * Watches, once the writes are over, for the moment every committed event is visible to a reader (no open or
 * older transaction holds the horizon back): since then, a read that starts and finds nothing new is at the head.
 */
function visibilityProbe(pool, table) {
  return {
    async allVisibleSince(done) {
      for (;;) {
        if (performance.now() > done.deadline) return undefined;
        const { rows } = await pool.query(`SELECT count(*)::int AS hidden FROM ${table} WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`);
        if (rows[0].hidden === 0) return performance.now();
        await sleep(20);
      }
    },
  };
}

async function waitForWrites(done) {
  while (!done.writesOver) await sleep(10);
}

/**
 * Ours, the projector's way: subscribeToAll from START. Once the writes are over and everything is visible, it
 * reads the head position; the subscription ends when it has delivered up to that head, plus a grace period longer
 * than the store's poll interval, so a late re-delivery would still be counted.
 */
async function followSubscription(store, tracker, done, visibility) {
  const controller = new AbortController();
  let last;
  let outcome = 'done';
  const watching = (async () => {
    await waitForWrites(done);
    const visibleSince = await visibility.allVisibleSince(done);
    if (visibleSince !== undefined) {
      const head = await store.headPosition();
      const target = [head.commit, head.prepare];
      while (!(last !== undefined && compare(last, target) >= 0)) {
        if (performance.now() > done.deadline) break;
        await sleep(20);
      }
    }
    if (performance.now() > done.deadline) outcome = 'timeout';
    else await sleep(1000);
    controller.abort();
  })();
  try {
    for await (const batch of store.subscribeToAll({ signal: controller.signal, maxBatchSize: BATCH })) {
      for (const event of batch.events) {
        last = [event.position.commit, event.position.prepare];
        tracker.seen(event.metadata.eventId, last);
      }
    }
  } finally {
    controller.abort();
    await watching;
  }
  return outcome;
}

/** Ours, a rebuild's way: readAll loop in batches of 500; stops on a read at the end begun after all was visible. */
async function followReadAll(store, tracker, done, visibility) {
  let after = START;
  let visibleSince;
  const watching = waitForWrites(done).then(async () => {
    visibleSince = await visibility.allVisibleSince(done);
  });
  try {
    for (;;) {
      const requestedAt = performance.now();
      const slice = await store.readAll({ after, maxCount: BATCH });
      for (const event of slice.events) tracker.seen(event.metadata.eventId, [event.position.commit, event.position.prepare]);
      after = slice.lastPosition;
      if (slice.isEnd && visibleSince !== undefined && requestedAt > visibleSince) return 'done';
      if (done.writesOver && performance.now() > done.deadline) return 'timeout';
      if (slice.isEnd) await sleep(20);
    }
  } finally {
    await watching;
  }
}

/** The peer's readMessagesBatch loop, continuing after each batch's currentGlobalPosition as its puller does. */
async function followPeerBatches(executor, tracker, done, visibility) {
  let after = 0n;
  let visibleSince;
  const watching = waitForWrites(done).then(async () => {
    visibleSince = await visibility.allVisibleSince(done);
  });
  try {
    for (;;) {
      const requestedAt = performance.now();
      const batch = await peer.readMessagesBatch(executor.execute, { after, batchSize: BATCH });
      for (const message of batch.messages) tracker.seen(message.metadata.messageId, message.metadata.globalPosition);
      after = batch.currentGlobalPosition;
      if (batch.messages.length === 0 && visibleSince !== undefined && requestedAt > visibleSince) return 'done';
      if (done.writesOver && performance.now() > done.deadline) return 'timeout';
      if (!batch.areMessagesLeft) await sleep(20);
    }
  } finally {
    await watching;
  }
}

/**
 * The peer's consumer with a reactor from BEGINNING, at default pulling. Its loop is not ours to watch, so it
 * stops once everything is visible and nothing new has been delivered for 3 s (its pull back-off tops out at 1 s).
 */
async function followPeerConsumer(store, tracker, done, visibility, processorId) {
  const consumer = store.consumer();
  let lastDeliveryAt = performance.now();
  consumer.reactor({
    processorId,
    startFrom: 'BEGINNING',
    eachMessage: (message) => {
      tracker.seen(message.metadata.messageId, message.metadata.globalPosition);
      lastDeliveryAt = performance.now();
    },
  });
  const running = consumer.start();
  let outcome = 'done';
  try {
    await waitForWrites(done);
    const visibleSince = await visibility.allVisibleSince(done);
    for (;;) {
      const now = performance.now();
      if (visibleSince !== undefined && now - Math.max(lastDeliveryAt, visibleSince) > 3000) break;
      if (now > done.deadline) {
        outcome = 'timeout';
        break;
      }
      await sleep(100);
    }
  } finally {
    await consumer.stop();
    await running.catch(() => undefined);
  }
  return outcome;
}

/** Runs a whole-log read at least once and again until `seconds` have passed (at most 20 passes); events/s overall. */
async function repeatRead(seconds, readOnce) {
  let events = 0;
  let passes = 0;
  const started = performance.now();
  do {
    events += await readOnce();
    passes++;
  } while (performance.now() - started < seconds * 1000 && passes < 20);
  return { rate: perSecond(events, performance.now() - started), passes, events };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
