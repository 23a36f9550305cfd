import { createHash } from 'node:crypto';
import { recorded } from './testing/recorded-event.js';
import { canonicalEventText, chainHash, contentHash, GENESIS_HASH, linkEvents } from './event-hash.js';

describe('an event\'s content hash', () => {
  it('is SHA-256 of the RFC 8785 text of stream, revision, id, type, data, metadata and recording time', () => {
    const text = canonicalEventText(recorded());
    expect(text).toBe(
      '{"data":{"employeeCount":40,"name":"甲纺织有限公司"},"eventId":"5b0f3a52-9a8e-4c47-b1a4-2d6f0c9e8b11",' +
        '"metadata":{"actor":"u-1","causationId":"k-1","correlationId":"c-1","eventId":"5b0f3a52-9a8e-4c47-b1a4-2d6f0c9e8b11",' +
        '"occurredAt":"2026-11-22T08:00:00.000Z","schemaVersion":1},"recordedAt":"2026-11-22T08:00:00.123Z","revision":"0",' +
        '"streamName":"enterprise-1","type":"EnterpriseRegistered"}',
    );
    expect(contentHash(recorded())).toEqual(createHash('sha256').update(text, 'utf8').digest());
  });

  it('writes numbers and strings as RFC 8785 does, whatever order the keys came in', () => {
    const a = recorded({ data: { b: 1e21, a: [0.1, 1.5e-7, -0], é: '\u20ac\n' } });
    const b = recorded({ data: { é: '\u20ac\n', a: [0.1, 1.5e-7, -0], b: 1e21 } });
    expect(canonicalEventText(a)).toContain('"data":{"a":[0.1,1.5e-7,0],"b":1e+21,"é":"€\\n"}');
    expect(contentHash(a)).toEqual(contentHash(b));
  });

  it('changes with every part of the event but its position', () => {
    const base = contentHash(recorded());
    const changed = [
      recorded({ streamName: 'enterprise-2' }),
      recorded({ revision: 1n }),
      recorded({ eventId: '5b0f3a52-9a8e-4c47-b1a4-2d6f0c9e8b12' }),
      recorded({ type: 'EnterpriseUnionized' }),
      recorded({ data: { name: '甲纺织有限公司', employeeCount: 41 } }),
      recorded({ metadata: { ...recorded().metadata, actor: 'u-2' } }),
      recorded({ recordedAt: new Date('2026-11-22T08:00:00.124Z') }),
    ];
    for (const event of changed) expect(contentHash(event)).not.toEqual(base);
    expect(contentHash(recorded({ position: { commit: 1n, prepare: 1n } }))).toEqual(base);
  });
});

describe('the chain', () => {
  it('hangs from 32 zero bytes, each link SHA-256 of the previous link and the content hash', () => {
    const events = [recorded(), recorded({ eventId: '5b0f3a52-9a8e-4c47-b1a4-2d6f0c9e8b12', revision: 1n, position: { commit: 741n, prepare: 13n } })];
    const links = linkEvents(events);
    const first = createHash('sha256').update(Buffer.alloc(32)).update(contentHash(events[0])).digest();
    expect(GENESIS_HASH).toEqual(Buffer.alloc(32));
    expect(links[0]).toMatchObject({ sequence: 1, eventId: events[0].metadata.eventId, position: '740/12', chainHash: first });
    expect(links[1]).toMatchObject({ sequence: 2, revision: 1n, position: '741/13', chainHash: chainHash(first, contentHash(events[1])) });
    // Continuing from a head gives the same links as chaining all at once.
    expect(linkEvents(events.slice(1), links[0])).toEqual(links.slice(1));
  });

  it('depends on the order of the events', () => {
    const a = recorded();
    const b = recorded({ eventId: '5b0f3a52-9a8e-4c47-b1a4-2d6f0c9e8b12' });
    expect(linkEvents([a, b])[1].chainHash).not.toEqual(linkEvents([b, a])[1].chainHash);
  });
});
