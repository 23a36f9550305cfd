/** What the writer believes about the stream, as EventStoreDB's `StreamState`/expected revision. */
export type ExpectedRevision =
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly revision: bigint };

export const NO_STREAM: ExpectedRevision = Object.freeze({ kind: 'no_stream' });
export const STREAM_EXISTS: ExpectedRevision = Object.freeze({ kind: 'stream_exists' });
export const ANY: ExpectedRevision = Object.freeze({ kind: 'any' });
export const exactly = (revision: bigint | number): ExpectedRevision => ({ kind: 'exact', revision: BigInt(revision) });

export function describeExpected(expected: ExpectedRevision): string {
  return expected.kind === 'exact' ? `revision ${expected.revision}` : expected.kind;
}

/** The revision of a stream that does not exist yet: the first event is written at revision 0. */
export const NO_REVISION = -1n;
