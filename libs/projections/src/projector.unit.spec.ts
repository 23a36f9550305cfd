import { START } from '#event-store';
import { measureLag } from './projector.js';

const at = (commit: bigint, prepare: bigint) => ({ commit, prepare });
const now = Date.parse('2026-11-30T08:00:00.000Z');

describe('measureLag', () => {
  it('is all zeros when nothing is past the checkpoint', () => {
    expect(measureLag('p', at(10n, 5n), { head: at(10n, 5n), eventsAfter: 0, exact: true, oldestRecordedAt: null }, now)).toEqual({
      projection: 'p',
      checkpoint: '10/5',
      headPosition: '10/5',
      positionsBehind: 0,
      eventsBehind: 0,
      eventsBehindCapped: false,
      millisecondsBehind: 0,
    });
  });

  it('gives the commit-position distance, the count and the age of the oldest event behind', () => {
    const lag = measureLag('p', at(10n, 5n), { head: at(25n, 40n), eventsAfter: 7, exact: true, oldestRecordedAt: new Date(now - 1500) }, now);
    expect(lag).toMatchObject({ headPosition: '25/40', positionsBehind: 15, eventsBehind: 7, eventsBehindCapped: false, millisecondsBehind: 1500 });
  });

  it('is at least one position behind when the checkpoint stopped inside the head transaction', () => {
    const lag = measureLag('p', at(25n, 38n), { head: at(25n, 40n), eventsAfter: 2, exact: true, oldestRecordedAt: new Date(now - 10) }, now);
    expect(lag).toMatchObject({ positionsBehind: 1, eventsBehind: 2 });
  });

  it('flags a count that stopped at the limit, and measures from the start of an empty checkpoint', () => {
    const lag = measureLag('p', START, { head: at(500n, 900n), eventsAfter: 1000, exact: false, oldestRecordedAt: new Date(now - 60_000) }, now);
    expect(lag).toMatchObject({ checkpoint: '0/0', positionsBehind: 500, eventsBehind: 1000, eventsBehindCapped: true, millisecondsBehind: 60_000 });
  });

  it('never reports a negative age when the store clock is ahead', () => {
    const lag = measureLag('p', START, { head: at(2n, 2n), eventsAfter: 1, exact: true, oldestRecordedAt: new Date(now + 50) }, now);
    expect(lag.millisecondsBehind).toBe(0);
  });
});
