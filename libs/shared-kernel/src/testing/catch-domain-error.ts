import { DomainError } from '../domain-error.js';

/** Runs a decision that must be refused and returns the DomainError, so a test can check code, category and fields. */
export function catchDomainError(decision: () => unknown): DomainError {
  try {
    decision();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected the decision to be refused with a DomainError, but it was accepted');
}
