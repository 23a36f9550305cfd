import type { RecordedEvent } from '#event-store';

/** A recorded event for unit tests: fixed values, any of them overridden. */
export function recorded(overrides: Partial<RecordedEvent> & { eventId?: string } = {}): RecordedEvent {
  const { eventId = '5b0f3a52-9a8e-4c47-b1a4-2d6f0c9e8b11', ...rest } = overrides;
  return {
    streamName: 'enterprise-1',
    revision: 0n,
    position: { commit: 740n, prepare: 12n },
    type: 'EnterpriseRegistered',
    data: { name: '甲纺织有限公司', employeeCount: 40 },
    metadata: { eventId, occurredAt: '2026-11-22T08:00:00.000Z', actor: 'u-1', correlationId: 'c-1', causationId: 'k-1', schemaVersion: 1 },
    recordedAt: new Date('2026-11-22T08:00:00.123Z'),
    ...rest,
  };
}
