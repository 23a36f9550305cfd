import { monthsOf } from './calendar.js';

describe('statistics calendar', () => {
  it('splits a period into the months it touches, clipped to the period', () => {
    expect(monthsOf('2026-01-15', '2026-03-10')).toEqual([
      { month: '2026-01', from: '2026-01-15', to: '2026-01-31' },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28' },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-10' },
    ]);
    expect(monthsOf('2026-01-01', '2026-12-31')).toHaveLength(12);
    expect(monthsOf('2026-05-05', '2026-05-05')).toEqual([{ month: '2026-05', from: '2026-05-05', to: '2026-05-05' }]);
  });
});
