import type { RecordedEvent } from './event-store.port.js';
import { formatPosition } from './position.js';

/** One event of a stream as a history shows it: what happened, when, by whom, and where it stands in the log. */
export interface HistoryEntry {
  type: string;
  revision: number;
  position: string;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  correlationId: string;
  data: object;
}

/** The history entry of a recorded event; `data` replaces the event's own data where a context leaves parts out. */
export function historyEntryOf(event: RecordedEvent, data: object = event.data): HistoryEntry {
  return {
    type: event.type,
    revision: Number(event.revision),
    position: formatPosition(event.position),
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    data,
  };
}
