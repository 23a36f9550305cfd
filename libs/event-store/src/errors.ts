import { describeExpected, type ExpectedRevision } from './expected-revision.js';

/** Base of every error the event-store port raises; adapters map their client's errors onto these. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's revision when the append was refused; undefined when the store cannot tell (a lost race). */
    readonly actual: bigint | undefined,
  ) {
    super(
      `Stream ${streamName}: expected ${describeExpected(expected)}, ` +
        (actual === undefined ? 'but another writer appended first' : `but it is at revision ${actual}`),
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_ID';
  constructor(readonly eventIds: readonly string[]) {
    super(`An event with one of these ids is already in the log: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventIdError';
  }
}

export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

export class InvalidAppendError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
