import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, RecordedEvent } from '../event-store.port.js';
import { ANY, exactly, NO_STREAM, STREAM_EXISTS } from '../expected-revision.js';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import { comparePositions, START, type Position } from '../position.js';

export function testEvent(type = 'SomethingHappened', data: Record<string, unknown> = {}): EventToAppend {
  return {
    type,
    data: data as EventToAppend['data'],
    metadata: {
      eventId: randomUUID(),
      occurredAt: '2026-11-22T08:00:00.000Z',
      actor: 'tester',
      correlationId: 'correlation-1',
      causationId: 'command-1',
      schemaVersion: 1,
    },
  };
}

export async function readWholeLog(store: EventStore, after: Position = START, batch = 7): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const slice = await store.readAll({ after, maxCount: batch });
    all.push(...slice.events);
    after = slice.lastPosition;
    if (slice.isEnd) return all;
  }
}

export interface ContractOptions {
  /**
   * `unique-in-log` (default): an event id already anywhere in the log is refused with DuplicateEventIdError.
   * `idempotent-per-stream`: EventStoreDB/KurrentDB semantics. The server keeps no index of event ids across
   * streams, so the same id may be written to another stream; what it guarantees is that an append retried
   * with the same ids at the same expected revision succeeds again without writing a second copy.
   */
  readonly eventIds?: 'unique-in-log' | 'idempotent-per-stream';
}

/** The behaviour every adapter of the port must show. Run it against each adapter with a fresh store. */
export function describeEventStoreContract(adapterName: string, getStore: () => EventStore, options: ContractOptions = {}): void {
  const eventIds = options.eventIds ?? 'unique-in-log';
  describe(`event-store contract: ${adapterName}`, () => {
    const stream = () => `contract-${randomUUID()}`;

    it('appends to a new stream from revision 0 and reports the last revision and position', async () => {
      const name = stream();
      const result = await getStore().appendToStream(name, NO_STREAM, [testEvent('A'), testEvent('B')]);
      expect(result.nextExpectedRevision).toBe(1n);
      const events = await getStore().readStream(name);
      expect(events.map((e) => [e.type, e.revision])).toEqual([['A', 0n], ['B', 1n]]);
      expect(comparePositions(events[1].position, result.position)).toBe(0);
      expect(comparePositions(events[0].position, events[1].position)).toBe(-1);
    });

    it('keeps type, data and every metadata field', async () => {
      const name = stream();
      const event = testEvent('UnionFounded', { name: '某某公司工会', members: 120, nested: { ok: true } });
      await getStore().appendToStream(name, NO_STREAM, [event]);
      const [read] = await getStore().readStream(name);
      expect(read.type).toBe('UnionFounded');
      expect(read.data).toEqual(event.data);
      expect(read.metadata).toEqual(event.metadata);
      expect(read.streamName).toBe(name);
      expect(read.recordedAt).toBeInstanceOf(Date);
    });

    it('checks each kind of expected revision', async () => {
      const store = getStore();
      const name = stream();
      await expect(store.appendToStream(name, STREAM_EXISTS, [testEvent()])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.appendToStream(name, exactly(0), [testEvent()])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await store.appendToStream(name, NO_STREAM, [testEvent()]);
      const refused = await store.appendToStream(name, NO_STREAM, [testEvent()]).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WrongExpectedRevisionError);
      expect((refused as WrongExpectedRevisionError).actual).toBe(0n);
      expect((await store.appendToStream(name, STREAM_EXISTS, [testEvent()])).nextExpectedRevision).toBe(1n);
      expect((await store.appendToStream(name, exactly(1), [testEvent()])).nextExpectedRevision).toBe(2n);
      await expect(store.appendToStream(name, exactly(1), [testEvent()])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.appendToStream(name, ANY, [testEvent()])).nextExpectedRevision).toBe(3n);
      expect(await store.readStream(name)).toHaveLength(4);
    });

    it('appends to several streams all or nothing', async () => {
      const store = getStore();
      const [first, second] = [stream(), stream()];
      await store.appendToStream(second, NO_STREAM, [testEvent()]);
      await expect(
        store.appendToStreams([
          { streamName: first, expectedRevision: NO_STREAM, events: [testEvent('X')] },
          { streamName: second, expectedRevision: NO_STREAM, events: [testEvent('Y')] },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(first)).toHaveLength(0);

      const results = await store.appendToStreams([
        { streamName: first, expectedRevision: NO_STREAM, events: [testEvent('X')] },
        { streamName: second, expectedRevision: exactly(0), events: [testEvent('Y'), testEvent('Z')] },
      ]);
      expect(results.get(first)?.nextExpectedRevision).toBe(0n);
      expect(results.get(second)?.nextExpectedRevision).toBe(2n);
    });

    it('reads a stream forwards and backwards from a revision', async () => {
      const store = getStore();
      const name = stream();
      await store.appendToStream(name, NO_STREAM, ['E0', 'E1', 'E2', 'E3', 'E4'].map((t) => testEvent(t)));
      const forwards = await store.readStream(name, { fromRevision: 2n, maxCount: 2 });
      expect(forwards.map((e) => e.type)).toEqual(['E2', 'E3']);
      const backwards = await store.readStream(name, { direction: 'backwards', fromRevision: 3n, maxCount: 3 });
      expect(backwards.map((e) => e.type)).toEqual(['E3', 'E2', 'E1']);
      const last = await store.readStream(name, { direction: 'backwards', maxCount: 1 });
      expect(last.map((e) => e.type)).toEqual(['E4']);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads the whole log in batches, in position order, each event once', async () => {
      const store = getStore();
      const start = await store.headPosition();
      const names = [stream(), stream(), stream()];
      for (let round = 0; round < 5; round++) {
        for (const name of names) await store.appendToStream(name, ANY, [testEvent(`R${round}`)]);
      }
      const read = await readWholeLog(store, start, 4);
      expect(read).toHaveLength(15);
      for (let i = 1; i < read.length; i++) expect(comparePositions(read[i - 1].position, read[i].position)).toBe(-1);
      expect(comparePositions(read[14].position, await store.headPosition())).toBe(0);
    });

    it('tells how far the committed log runs past a position: head, a capped count, the oldest recording time', async () => {
      const store = getStore();
      const checkpoint = await store.headPosition();
      expect(await store.progressAfter(checkpoint)).toEqual({ head: checkpoint, eventsAfter: 0, exact: true, oldestRecordedAt: null });
      const name = stream();
      await store.appendToStream(name, NO_STREAM, [testEvent('P1'), testEvent('P2')]);
      await store.appendToStream(name, exactly(1), [testEvent('P3')]);
      const [first, , last] = await store.readStream(name);
      const progress = await store.progressAfter(checkpoint);
      expect(progress).toEqual({ head: last.position, eventsAfter: 3, exact: true, oldestRecordedAt: first.recordedAt });
      expect(await store.progressAfter(checkpoint, { countLimit: 2 })).toMatchObject({ head: last.position, eventsAfter: 2, exact: false });
      expect(await store.progressAfter(first.position)).toMatchObject({ eventsAfter: 2, exact: true });
      expect(await store.progressAfter(last.position)).toEqual({ head: last.position, eventsAfter: 0, exact: true, oldestRecordedAt: null });
    });

    it('lets exactly one of many concurrent writers at the same revision win', async () => {
      const store = getStore();
      const name = stream();
      await store.appendToStream(name, NO_STREAM, [testEvent()]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, () => store.appendToStream(name, exactly(0), [testEvent('Racer')])),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(11);
      for (const loss of lost) expect(loss.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(name)).toHaveLength(2);
    });

    it('takes every one of many concurrent writers that accept any revision, each at its own revision', async () => {
      const store = getStore();
      const name = stream();
      const results = await Promise.all(Array.from({ length: 40 }, () => store.appendToStream(name, ANY, [testEvent('Anyone')])));
      expect(results.map((result) => Number(result.nextExpectedRevision)).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(await store.readStream(name)).toHaveLength(40);
    });

    if (eventIds === 'unique-in-log') {
      it('refuses an event id that is already in the log', async () => {
        const store = getStore();
        const event = testEvent();
        await store.appendToStream(stream(), NO_STREAM, [event]);
        await expect(store.appendToStream(stream(), NO_STREAM, [event])).rejects.toBeInstanceOf(DuplicateEventIdError);
      });
    } else {
      it('writes a retried append once, but does not refuse an event id already used in another stream', async () => {
        const store = getStore();
        const name = stream();
        const events = [testEvent('First'), testEvent('Second')];
        const written = await store.appendToStream(name, NO_STREAM, events);
        const retried = await store.appendToStream(name, NO_STREAM, events);
        expect(retried.nextExpectedRevision).toBe(written.nextExpectedRevision);
        expect(comparePositions(retried.position, written.position)).toBe(0);
        expect(await store.readStream(name)).toHaveLength(2);

        const elsewhere = stream();
        await store.appendToStream(elsewhere, NO_STREAM, [events[0]]);
        expect((await store.readStream(elsewhere)).map((e) => e.metadata.eventId)).toEqual([events[0].metadata.eventId]);
      });
    }

    it('catches up from a checkpoint, then delivers live appends, and resumes from any batch position', async () => {
      const store = getStore();
      const checkpoint = await store.headPosition();
      const name = stream();
      await store.appendToStream(name, NO_STREAM, [testEvent('Old1'), testEvent('Old2')]);

      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      let resumeFrom: Position | undefined;
      const consuming = (async () => {
        for await (const batch of store.subscribeToAll({ after: checkpoint, signal: controller.signal, maxBatchSize: 1 })) {
          seen.push(...batch.events.filter((e) => e.streamName === name));
          if (seen.length === 1) resumeFrom = batch.events[batch.events.length - 1].position;
          if (seen.length === 2) await store.appendToStream(name, exactly(1), [testEvent('Live')]);
          if (seen.length === 3) controller.abort();
        }
      })();
      await consuming;
      expect(seen.map((e) => e.type)).toEqual(['Old1', 'Old2', 'Live']);

      const resumed: string[] = [];
      const again = new AbortController();
      for await (const batch of store.subscribeToAll({ after: resumeFrom, signal: again.signal })) {
        resumed.push(...batch.events.filter((e) => e.streamName === name).map((e) => e.type));
        if (batch.caughtUp) again.abort();
      }
      expect(resumed).toEqual(['Old2', 'Live']);
    });

    it('tells a subscriber it has caught up even when the last batch was exactly full', async () => {
      const store = getStore();
      const checkpoint = await store.headPosition();
      const name = stream();
      await store.appendToStream(name, NO_STREAM, [testEvent('One'), testEvent('Two'), testEvent('Three'), testEvent('Four')]);
      const controller = new AbortController();
      const timeout = setTimeout(() => controller.abort(), 5000);
      const batches: { count: number; caughtUp: boolean }[] = [];
      for await (const batch of store.subscribeToAll({ after: checkpoint, signal: controller.signal, maxBatchSize: 2 })) {
        batches.push({ count: batch.events.length, caughtUp: batch.caughtUp });
        if (batch.caughtUp) controller.abort();
      }
      clearTimeout(timeout);
      expect(batches).toEqual([
        { count: 2, caughtUp: false },
        { count: 2, caughtUp: false },
        { count: 0, caughtUp: true },
      ]);
    });
  });
}
