// The event both stores append in the store benchmarks: a realistic aid proposal, ~300 bytes of data JSON,
// with our full metadata (the peer gets the same object, plus messageId = eventId).
import { randomUUID } from 'node:crypto';

const REASONS = ['家庭成员重病住院，医疗费用负担较重', '因工受伤停工三个月，收入中断', '子女入学学费困难，申请助学帮扶', '自然灾害导致住房受损'];
let sequence = 0;

export function benchEvent() {
  const n = sequence++;
  return {
    type: 'AidProposed',
    data: {
      grantId: randomUUID(),
      programmeId: 'hardship-2026',
      fundId: 'fund-general-0001',
      unitId: `unit-${(n % 97).toString().padStart(4, '0')}`,
      householdKey: `hh-${(n % 5003).toString(36)}`,
      personId: randomUUID(),
      amountFen: 50_000 + (n % 400) * 100,
      reason: REASONS[n % REASONS.length],
      proposedBy: 'officer-017',
      proposedOn: '2026-07-11',
    },
    metadata: {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      actor: 'officer-017',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}
