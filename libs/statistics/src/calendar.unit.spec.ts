import { monthsOf, parseAsOf, termEnd } from './calendar.js';

describe('statistics calendar', () => {
  it('reads an as-of date as the end of that day in Shanghai, and an instant as it is', () => {
    expect(parseAsOf('2026-02-09')?.toISOString()).toBe('2026-02-09T15:59:59.999Z');
    expect(parseAsOf('2026-12-31')?.toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(parseAsOf('2026-03-10T02:00:00Z')?.toISOString()).toBe('2026-03-10T02:00:00.000Z');
    expect(parseAsOf('2026-03-10T10:00:00+08:00')?.toISOString()).toBe('2026-03-10T02:00:00.000Z');
    for (const bad of ['2026-02-30', '2026-13-01', '2026-03-10T25:00:00Z', 'yesterday', '']) expect(parseAsOf(bad)).toBeUndefined();
  });

  it('splits a period into the months it touches, clipped to the period', () => {
    expect(monthsOf('2026-01-15', '2026-03-10')).toEqual([
      { month: '2026-01', from: '2026-01-15', to: '2026-01-31' },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28' },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-10' },
    ]);
    expect(monthsOf('2026-01-01', '2026-12-31')).toHaveLength(12);
    expect(monthsOf('2026-05-05', '2026-05-05')).toEqual([{ month: '2026-05', from: '2026-05-05', to: '2026-05-05' }]);
  });

  it('ends a term the day before its anniversary, as the bargaining context does', () => {
    expect(termEnd('2026-05-17', 2)).toBe('2028-05-16');
    expect(termEnd('2028-02-29', 1)).toBe('2029-02-27');
  });
});
