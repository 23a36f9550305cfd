import { addMonths, parseAsOf, termEnd } from './calendar-date.js';

describe('calendar dates', () => {
  it('reads an as-of date as the end of that day in Shanghai, and an instant with its zone as it is', () => {
    expect(parseAsOf('2026-02-09')?.toISOString()).toBe('2026-02-09T15:59:59.999Z');
    expect(parseAsOf('2026-12-31')?.toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(parseAsOf('2026-03-10T02:00:00Z')?.toISOString()).toBe('2026-03-10T02:00:00.000Z');
    expect(parseAsOf('2026-03-10T10:00:00+08:00')?.toISOString()).toBe('2026-03-10T02:00:00.000Z');
    for (const bad of ['2026-02-30', '2026-13-01', '2026-03-10T25:00:00Z', '2026-03-10T10:00:00', 'yesterday', '']) {
      expect(parseAsOf(bad)).toBeUndefined();
    }
  });

  it('adds months clamped to the month end, and ends a term the day before its anniversary', () => {
    expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-06-01', -6)).toBe('2025-12-01');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(termEnd('2026-05-17', 2)).toBe('2028-05-16');
    expect(termEnd('2028-02-29', 1)).toBe('2029-02-27');
  });
});
