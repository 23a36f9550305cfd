import type { KeyObject } from 'node:crypto';
import { formatPosition, type RecordedEvent } from '#event-store';
import type { ChainLink } from './chain-store.js';
import { checkpointSignatureHolds, type Checkpoint } from './checkpoint-signature.js';
import { chainHash, contentHash, GENESIS_HASH } from './event-hash.js';

/**
 * What verification can find, first one wins:
 * - `altered`: the event at this place is the one chained here, but its content no longer hashes the same;
 * - `removed`: the chain holds an event here that the log no longer has;
 * - `reordered`: the log holds, here, an event the chain holds at another place;
 * - `inserted`: the log holds, here, an event the chain never saw (before the chain's head);
 * - `chain_altered`: a link's chain hash does not follow from the links before it (the chain table was edited);
 * - `checkpoint_signature_invalid`: a checkpoint's signature does not hold under the public key;
 * - `checkpoint_mismatch`: the chain recomputed from the log does not reach the checkpoint's hash, so something at
 *   or before it was changed and the chain table rewritten to match;
 * - `checkpoint_beyond_chain`: a checkpoint vouches for more events than the chain and the log hold.
 */
export const PROBLEM_KINDS = [
  'altered',
  'removed',
  'reordered',
  'inserted',
  'chain_altered',
  'checkpoint_signature_invalid',
  'checkpoint_mismatch',
  'checkpoint_beyond_chain',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** An event as a report names it: never its data, only where it is and what it is called. */
export interface EventReference {
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: string;
  /** Its place in the chain, when the chain holds it. */
  readonly sequence?: number;
}

export interface VerifyProblem {
  readonly kind: ProblemKind;
  /** The place in the chain where verification stopped. */
  readonly sequence: number;
  /** The event at fault: for `removed` the one the chain expected; otherwise the one the log holds here. */
  readonly event?: EventReference;
  /** What the chain holds at this place, when that differs from `event`. */
  readonly expected?: EventReference;
  /** Hashes (hex) or other facts that differ: what the chain or checkpoint says, and what was found. */
  readonly expectedHash?: string;
  readonly foundHash?: string;
  /** The checkpoint at fault, for the checkpoint kinds. */
  readonly checkpoint?: Checkpoint;
  /** For `checkpoint_mismatch`: the change lies in these places of the chain (after the last checkpoint that held). */
  readonly between?: { readonly fromSequence: number; readonly toSequence: number };
  /** One sentence for a person. */
  readonly message: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly checkedAt: string;
  /** Events of the log found as chained, in order, before verification stopped (all of the chain when ok). */
  readonly verifiedEvents: number;
  /** Links in the chain when verification began. */
  readonly chainedEvents: number;
  /** The latest checkpoint that held (its signature and its hash), or null. */
  readonly latestCheckpoint: Checkpoint | null;
  /** How many checkpoints were checked and held. */
  readonly checkpointsHeld: number;
  /** Events in the log after the chain's head: not yet chained, so not yet vouched for. Counted when ok. */
  readonly unsealedEvents: number;
  /** Set when a checkpoint was handed in: whether the log still leads to it. */
  readonly keptCheckpoint?: { readonly sequence: number; readonly held: boolean };
  readonly firstProblem?: VerifyProblem;
}

export interface VerifyInputs {
  /** The log from its start, in position order. */
  readonly log: AsyncIterable<RecordedEvent>;
  /** The chain from sequence 1, in order, up to `chainedEvents`. */
  readonly chain: AsyncIterable<ChainLink>;
  readonly chainedEvents: number;
  /** Stored checkpoints up to `chainedEvents`, oldest first. */
  readonly checkpoints: readonly Checkpoint[];
  /** A checkpoint an auditor kept, checked like the stored ones. */
  readonly keptCheckpoint?: Checkpoint;
  readonly publicKey: KeyObject;
  /** Where the chain holds an event, if anywhere. */
  linkOf(eventId: string): Promise<ChainLink | undefined>;
  /** Whether the log still holds the chained event at its stream and revision. */
  logHolds(link: ChainLink): Promise<boolean>;
  readonly now: Date;
}

const hex = (hash: Buffer) => hash.toString('hex');

function referenceTo(event: RecordedEvent, sequence?: number): EventReference {
  return {
    eventId: event.metadata.eventId,
    streamName: event.streamName,
    revision: Number(event.revision),
    position: formatPosition(event.position),
    ...(sequence === undefined ? {} : { sequence }),
  };
}

function referenceToLink(link: ChainLink): EventReference {
  return { eventId: link.eventId, streamName: link.streamName, revision: Number(link.revision), position: link.position, sequence: link.sequence };
}

const describe = (ref: EventReference) => `event ${ref.eventId} (stream ${ref.streamName}, revision ${ref.revision}, position ${ref.position})`;

/**
 * Reads the log and the chain side by side, recomputing every hash, and stops at the first place where they part;
 * checks each checkpoint's signature and that the recomputed chain reaches its hash. Streams both: memory does
 * not grow with the log.
 */
export async function verifyChain(inputs: VerifyInputs): Promise<VerifyReport> {
  const stored = [...inputs.checkpoints];
  const checkpoints = [...stored, ...(inputs.keptCheckpoint ? [inputs.keptCheckpoint] : [])].sort((a, b) => a.sequence - b.sequence);
  const log = inputs.log[Symbol.asyncIterator]();
  let verified = 0;
  let previous = GENESIS_HASH;
  let checkpointsHeld = 0;
  let latestHeld: Checkpoint | null = null;
  let lastHeldSequence = 0;
  let keptHeld = false;
  let next = 0;

  const report = (firstProblem?: VerifyProblem, unsealedEvents = 0): VerifyReport => ({
    ok: !firstProblem,
    checkedAt: inputs.now.toISOString(),
    verifiedEvents: verified,
    chainedEvents: inputs.chainedEvents,
    latestCheckpoint: latestHeld,
    checkpointsHeld,
    unsealedEvents,
    ...(inputs.keptCheckpoint ? { keptCheckpoint: { sequence: inputs.keptCheckpoint.sequence, held: keptHeld } } : {}),
    ...(firstProblem ? { firstProblem } : {}),
  });

  /** Checks every checkpoint at `sequence` against the chain hash recomputed there. */
  const checkCheckpointsAt = (sequence: number, link: ChainLink): VerifyProblem | undefined => {
    for (; next < checkpoints.length && checkpoints[next].sequence === sequence; next++) {
      const checkpoint = checkpoints[next];
      const own = checkpoint === inputs.keptCheckpoint ? 'the kept checkpoint' : `checkpoint ${sequence}`;
      if (!checkpointSignatureHolds(checkpoint, inputs.publicKey)) {
        return {
          kind: 'checkpoint_signature_invalid',
          sequence,
          event: referenceToLink(link),
          checkpoint,
          message: `The signature of ${own} does not hold under the audit public key: the checkpoint was altered or signed with another key.`,
        };
      }
      if (checkpoint.chainHash !== hex(previous) || checkpoint.eventId !== link.eventId) {
        return {
          kind: 'checkpoint_mismatch',
          sequence,
          event: referenceToLink(link),
          checkpoint,
          expectedHash: checkpoint.chainHash,
          foundHash: hex(previous),
          between: { fromSequence: lastHeldSequence + 1, toSequence: sequence },
          message:
            `The log no longer leads to ${own} (signed ${checkpoint.createdAt}): an event among places ${lastHeldSequence + 1} to ${sequence} ` +
            'of the chain was altered, removed or reordered, and the chain rewritten to hide it.',
        };
      }
      if (checkpoint === inputs.keptCheckpoint) keptHeld = true;
      else {
        checkpointsHeld++;
        latestHeld = checkpoint;
      }
      lastHeldSequence = sequence;
    }
    return undefined;
  };

  for await (const link of inputs.chain) {
    const sequence = verified + 1;
    if (link.sequence !== sequence) {
      return report({
        kind: 'chain_altered',
        sequence,
        event: referenceToLink(link),
        message: `The chain skips from place ${verified} to ${link.sequence}: links were removed from the chain table.`,
      });
    }
    const step = await log.next();
    if (step.done) {
      const expected = referenceToLink(link);
      return report({
        kind: (await inputs.logHolds(link)) ? 'reordered' : 'removed',
        sequence,
        event: expected,
        message: `The log ends before ${describe(expected)}, which the chain holds at place ${sequence}.`,
      });
    }
    const event = step.value;
    const found = referenceTo(event);
    if (event.metadata.eventId !== link.eventId) {
      return report(await classifyMismatch(inputs, sequence, event, found, link));
    }
    const content = contentHash(event);
    if (!content.equals(link.contentHash)) {
      return report({
        kind: 'altered',
        sequence,
        event: { ...found, sequence },
        expectedHash: hex(link.contentHash),
        foundHash: hex(content),
        message: `${capitalise(describe(found))} was altered: its content no longer matches what was chained at place ${sequence}.`,
      });
    }
    const linked = chainHash(previous, content);
    if (!linked.equals(link.chainHash)) {
      return report({
        kind: 'chain_altered',
        sequence,
        event: { ...found, sequence },
        expectedHash: hex(linked),
        foundHash: hex(link.chainHash),
        message: `The chain's link for ${describe(found)} at place ${sequence} does not follow from the links before it: the chain table was edited.`,
      });
    }
    previous = linked;
    verified = sequence;
    const checkpointProblem = checkCheckpointsAt(sequence, link);
    if (checkpointProblem) return report(checkpointProblem);
  }
  if (next < checkpoints.length) {
    const checkpoint = checkpoints[next];
    return report({
      kind: 'checkpoint_beyond_chain',
      sequence: checkpoint.sequence,
      checkpoint,
      message: `${checkpoint === inputs.keptCheckpoint ? 'The kept checkpoint' : `Checkpoint ${checkpoint.sequence}`} vouches for ${checkpoint.sequence} events, but the chain holds only ${verified}: events or links were removed from the end.`,
    });
  }
  let unsealed = 0;
  for (let step = await log.next(); !step.done; step = await log.next()) unsealed++;
  return report(undefined, unsealed);
}

async function classifyMismatch(inputs: VerifyInputs, sequence: number, event: RecordedEvent, found: EventReference, link: ChainLink): Promise<VerifyProblem> {
  const expected = referenceToLink(link);
  if (event.streamName === link.streamName && event.revision === link.revision) {
    return {
      kind: 'altered',
      sequence,
      event: { ...found, sequence },
      expected,
      message: `${capitalise(describe(found))} stands where the chain holds ${link.eventId} at place ${sequence}: its id was altered.`,
    };
  }
  const [elsewhere, stillThere] = await Promise.all([inputs.linkOf(event.metadata.eventId), inputs.logHolds(link)]);
  if (!stillThere) {
    return {
      kind: 'removed',
      sequence,
      event: expected,
      message: `${capitalise(describe(expected))}, chained at place ${sequence}, is no longer in the log.`,
    };
  }
  if (elsewhere) {
    return {
      kind: 'reordered',
      sequence,
      event: { ...found, sequence: elsewhere.sequence },
      expected,
      message: `${capitalise(describe(found))} was moved: the chain holds it at place ${elsewhere.sequence}, but the log now has it at place ${sequence}, where ${link.eventId} belongs.`,
    };
  }
  return {
    kind: 'inserted',
    sequence,
    event: found,
    expected,
    message: `${capitalise(describe(found))} was inserted into the log before place ${sequence}: the chain never held it.`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
