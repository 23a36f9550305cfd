import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { formatPosition, type RecordedEvent } from '#event-store';
import type { ChainLink } from './chain-store.js';

/** The chain's first link hangs from 32 zero bytes. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/**
 * What of an event the chain vouches for: everything the log holds about it except its position, which is where
 * it stands rather than what it says (the chain's order vouches for that). Revision is text, as a bigint has no
 * JSON number that every reader parses alike; recordedAt is the store's instant to the millisecond, as the
 * event-store port gives it.
 */
export function chainedContent(event: RecordedEvent) {
  return {
    streamName: event.streamName,
    revision: event.revision.toString(),
    eventId: event.metadata.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  };
}

/**
 * The event's content as RFC 8785 (JSON Canonicalization Scheme) text: keys sorted by UTF-16 code units, numbers
 * in ECMAScript form, no white space. Anyone can recompute it with any JCS implementation, so the hashes do not
 * hang on this code. The library is pinned to an exact version: a change in its output would break every chain.
 */
export function canonicalEventText(event: RecordedEvent): string {
  const text = canonicalize(chainedContent(event));
  if (text === undefined) throw new Error(`Event ${event.metadata.eventId} has no JSON form`);
  return text;
}

/** SHA-256 of the event's canonical text (UTF-8). */
export function contentHash(event: RecordedEvent): Buffer {
  return createHash('sha256').update(canonicalEventText(event), 'utf8').digest();
}

/** SHA-256(previous chain hash || content hash): each link commits to every event before it, in order. */
export function chainHash(previous: Buffer, content: Buffer): Buffer {
  return createHash('sha256').update(previous).update(content).digest();
}

/** The links for `events`, continuing the chain after `head` (or from the genesis). */
export function linkEvents(events: readonly RecordedEvent[], head?: Pick<ChainLink, 'sequence' | 'chainHash'>): ChainLink[] {
  let sequence = head?.sequence ?? 0;
  let previous = head?.chainHash ?? GENESIS_HASH;
  return events.map((event) => {
    const content = contentHash(event);
    previous = chainHash(previous, content);
    return {
      sequence: ++sequence,
      eventId: event.metadata.eventId,
      streamName: event.streamName,
      revision: event.revision,
      position: formatPosition(event.position),
      contentHash: content,
      chainHash: previous,
    };
  });
}
