import type { RecordedEvent } from '#event-store';
import type { EnterpriseEvent, UnionEvent } from '#organizing';
import type { CoveredEnterpriseFacts } from './talks-opening.decider.js';

/**
 * Bargaining's view of an enterprise, folded from the organizing context's own stream so a write is checked
 * against the registry as it is now: registered, in which unit, and whether a union covers it
 * (EnterpriseUnionized is written there by any union founded to cover it: own, joint, regional or industry).
 */
export function enterpriseFactsFrom(recorded: readonly RecordedEvent[]): CoveredEnterpriseFacts {
  let facts: CoveredEnterpriseFacts = { status: 'unregistered' };
  for (const { type, data } of recorded) {
    const event = { type, data } as unknown as EnterpriseEvent;
    switch (event.type) {
      case 'EnterpriseRegistered':
        facts = { status: 'not_unionized', unitId: event.data.unitId ?? '' };
        break;
      case 'EnterpriseUnionized':
        if (facts.status !== 'unregistered') facts = { status: 'unionized', unitId: facts.unitId };
        break;
      default:
        break;
    }
  }
  return facts;
}

/** The founded union's unit, or undefined when no union was founded under this id. */
export function unionUnitFrom(recorded: readonly RecordedEvent[]): string | undefined {
  const founded = recorded.map(({ type, data }) => ({ type, data }) as unknown as UnionEvent).find((event) => event.type === 'UnionFounded');
  return founded ? founded.data.unitId : undefined;
}
