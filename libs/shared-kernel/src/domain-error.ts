/**
 * How an error reaches the caller: `invalid` (400, the request itself is malformed), `not_found` (404, the
 * addressed record does not exist), `unprocessable` (422, a well-formed request that the rules refuse on its
 * own terms, such as a reference to a record that does not exist), `conflict` (409, refused by the current
 * state of the records), `unauthenticated` (401, no valid session or credentials), `forbidden` (403, signed in
 * but not allowed).
 */
export type DomainErrorCategory = 'invalid' | 'not_found' | 'unprocessable' | 'conflict' | 'unauthenticated' | 'forbidden';

export interface DomainErrorProblem {
  /** The request field at fault, as a path: `coveredEnterpriseIds[1]`. */
  readonly field?: string;
  readonly reason: string;
}

export class DomainError extends Error {
  constructor(
    /** Stable and documented: clients switch on it. */
    readonly code: string,
    readonly category: DomainErrorCategory,
    message: string,
    readonly problems: readonly DomainErrorProblem[] = [],
    /** Safe-to-show facts that help the caller (for example the id of the record already holding a key). */
    readonly details: Readonly<Record<string, string | number | boolean | null | readonly string[]>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
