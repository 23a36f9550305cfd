import { addMonths } from './calendar.js';

describe('calendar arithmetic', () => {
  it('adds months, keeping the day or falling back to the month\'s last day', () => {
    expect(addMonths('2026-06-01', -6)).toBe('2025-12-01');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

});
