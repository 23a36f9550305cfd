import { generateKeyPairSync } from 'node:crypto';
import type { RecordedEvent } from '#event-store';
import type { ChainLink } from './chain-store.js';
import { CheckpointSigner, type Checkpoint } from './checkpoint-signature.js';
import { linkEvents } from './event-hash.js';
import { recorded } from './testing/recorded-event.js';
import { verifyChain, type VerifyReport } from './verify-chain.js';

const { privateKey } = generateKeyPairSync('ed25519');
const signer = new CheckpointSigner(privateKey);
const now = new Date('2026-11-22T09:00:00.000Z');

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Ten events over three streams, in log order. */
function log(): RecordedEvent[] {
  return Array.from({ length: 10 }, (_, i) =>
    recorded({
      eventId: uuid(i + 1),
      streamName: `stream-${i % 3}`,
      revision: BigInt(Math.floor(i / 3)),
      position: { commit: 100n + BigInt(i), prepare: BigInt(i + 1) },
      data: { n: i },
    }),
  );
}

function checkpointAt(links: ChainLink[], sequence: number): Checkpoint {
  const link = links[sequence - 1];
  return signer.sign({ sequence, position: link.position, eventId: link.eventId, chainHash: link.chainHash.toString('hex'), createdAt: now.toISOString() });
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

function verify(events: RecordedEvent[], links: ChainLink[], checkpoints: Checkpoint[], keptCheckpoint?: Checkpoint): Promise<VerifyReport> {
  return verifyChain({
    log: each(events),
    chain: each(links),
    chainedEvents: links.length,
    checkpoints,
    keptCheckpoint,
    publicKey: signer.publicKey,
    linkOf: async (eventId) => links.find((link) => link.eventId === eventId),
    logHolds: async (link) => events.some((e) => e.streamName === link.streamName && e.revision === link.revision && e.metadata.eventId === link.eventId),
    now,
  });
}

describe('verify', () => {
  const events = log();
  const links = linkEvents(events.slice(0, 8));
  const checkpoints = [checkpointAt(links, 4), checkpointAt(links, 8)];

  it('holds for an untouched log, up to the latest checkpoint, counting what is not chained yet', async () => {
    const report = await verify(events, links, checkpoints);
    expect(report).toEqual({
      ok: true,
      checkedAt: now.toISOString(),
      verifiedEvents: 8,
      chainedEvents: 8,
      latestCheckpoint: checkpoints[1],
      checkpointsHeld: 2,
      unsealedEvents: 2,
    });
  });

  it('names an event whose data was changed as altered, with both hashes', async () => {
    const tampered = events.map((e, i) => (i === 5 ? { ...e, data: { n: 500 } } : e));
    const { ok, firstProblem, verifiedEvents } = await verify(tampered, links, checkpoints);
    expect(ok).toBe(false);
    expect(verifiedEvents).toBe(5);
    expect(firstProblem).toMatchObject({
      kind: 'altered',
      sequence: 6,
      event: { eventId: uuid(6), streamName: 'stream-2', revision: 1, position: '105/6', sequence: 6 },
      expectedHash: links[5].contentHash.toString('hex'),
    });
    expect(firstProblem!.foundHash).not.toBe(firstProblem!.expectedHash);
    expect(firstProblem!.message).toContain(uuid(6));
  });

  it('names an event whose id was changed in place as altered', async () => {
    const tampered = events.map((e, i) => (i === 2 ? { ...e, metadata: { ...e.metadata, eventId: uuid(99) } } : e));
    const { firstProblem } = await verify(tampered, links, checkpoints);
    expect(firstProblem).toMatchObject({ kind: 'altered', sequence: 3, event: { eventId: uuid(99) }, expected: { eventId: uuid(3), sequence: 3 } });
  });

  it('names a deleted event as removed', async () => {
    const { firstProblem } = await verify(events.filter((_, i) => i !== 3), links, checkpoints);
    expect(firstProblem).toMatchObject({ kind: 'removed', sequence: 4, event: { eventId: uuid(4), streamName: 'stream-0', revision: 1, position: '103/4', sequence: 4 } });
  });

  it('names the last chained event as removed when the log ends before it', async () => {
    const { firstProblem } = await verify(events.slice(0, 7), links, checkpoints);
    expect(firstProblem).toMatchObject({ kind: 'removed', sequence: 8, event: { eventId: uuid(8) } });
  });

  it('names the event found out of its place as reordered, and what belongs there', async () => {
    const swapped = [...events];
    [swapped[2], swapped[3]] = [swapped[3], swapped[2]];
    const { firstProblem } = await verify(swapped, links, checkpoints);
    expect(firstProblem).toMatchObject({ kind: 'reordered', sequence: 3, event: { eventId: uuid(4), sequence: 4 }, expected: { eventId: uuid(3), sequence: 3 } });
  });

  it('names an event slipped in before the chain\'s head as inserted', async () => {
    const intruder = recorded({ eventId: uuid(77), streamName: 'stream-9', position: { commit: 101n, prepare: 50n } });
    const { firstProblem } = await verify([...events.slice(0, 2), intruder, ...events.slice(2)], links, checkpoints);
    expect(firstProblem).toMatchObject({ kind: 'inserted', sequence: 3, event: { eventId: uuid(77), streamName: 'stream-9' }, expected: { eventId: uuid(3) } });
  });

  it('catches a chain rewritten to match an altered event at the next checkpoint, naming the range', async () => {
    const tampered = events.map((e, i) => (i === 5 ? { ...e, data: { n: 500 } } : e));
    const rewritten = linkEvents(tampered.slice(0, 8));
    const report = await verify(tampered, rewritten, checkpoints);
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({
      kind: 'checkpoint_mismatch',
      sequence: 8,
      event: { eventId: uuid(8) },
      checkpoint: checkpoints[1],
      between: { fromSequence: 5, toSequence: 8 },
      expectedHash: checkpoints[1].chainHash,
    });
    expect(report.latestCheckpoint).toEqual(checkpoints[0]);
  });

  it('catches a checkpoint re-signed with another key, or edited', async () => {
    const forger = new CheckpointSigner(generateKeyPairSync('ed25519').privateKey);
    const { signature, keyId, ...facts } = checkpoints[0];
    const forged = forger.sign(facts);
    expect((await verify(events, links, [forged, checkpoints[1]])).firstProblem).toMatchObject({ kind: 'checkpoint_signature_invalid', sequence: 4, checkpoint: forged });
    const edited = { ...checkpoints[1], chainHash: 'ab'.repeat(32), signature, keyId };
    expect((await verify(events, links, [checkpoints[0], edited])).firstProblem).toMatchObject({ kind: 'checkpoint_signature_invalid', sequence: 8 });
  });

  it('catches a link whose chain hash does not follow, and a gap in the chain', async () => {
    const edited = links.map((link, i) => (i === 1 ? { ...link, chainHash: Buffer.alloc(32, 1) } : link));
    expect((await verify(events, edited, checkpoints)).firstProblem).toMatchObject({ kind: 'chain_altered', sequence: 2, event: { eventId: uuid(2) } });
    const gap = links.filter((_, i) => i !== 4);
    expect((await verify(events, gap, checkpoints)).firstProblem).toMatchObject({ kind: 'chain_altered', sequence: 5 });
  });

  it('catches a checkpoint beyond the end of a cut chain', async () => {
    const { firstProblem } = await verify(events.slice(0, 6), links.slice(0, 6), checkpoints);
    expect(firstProblem).toMatchObject({ kind: 'checkpoint_beyond_chain', sequence: 8, checkpoint: checkpoints[1] });
  });

  it('checks a checkpoint an auditor kept, even when the stored ones are gone', async () => {
    const kept = checkpointAt(links, 6);
    expect(await verify(events, links, [], kept)).toMatchObject({ ok: true, keptCheckpoint: { sequence: 6, held: true }, checkpointsHeld: 0 });
    const tampered = events.map((e, i) => (i === 1 ? { ...e, type: 'Other' } : e));
    const { firstProblem, keptCheckpoint } = await verify(tampered, linkEvents(tampered.slice(0, 8)), [], kept);
    expect(keptCheckpoint).toEqual({ sequence: 6, held: false });
    expect(firstProblem).toMatchObject({ kind: 'checkpoint_mismatch', sequence: 6, checkpoint: kept, between: { fromSequence: 1, toSequence: 6 } });
    expect((await verify(events.slice(0, 4), links.slice(0, 4), [], kept)).firstProblem).toMatchObject({ kind: 'checkpoint_beyond_chain', sequence: 6 });
  });
});
