/** One stream per person holds what was done to their personal data as a whole (its erasure). */
export const personStreamName = (personId: string): string => `person-${personId}`;
