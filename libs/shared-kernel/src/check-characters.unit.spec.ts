import { creditCodeProblem, residentIdProblem } from './check-characters.js';
import { isCalendarDate } from './calendar-date.js';

describe('unified social credit code', () => {
  it('accepts a code whose check character matches', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
    expect(creditCodeProblem('91110000600037341L')).toBeUndefined();
  });

  it('names the expected check character when it does not match', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check character is "4" but must be "3"');
  });

  it('refuses letters outside the alphabet and wrong lengths', () => {
    expect(creditCodeProblem('91350100M000100O43')).toMatch(/character 16 \("O"\) is not allowed/);
    expect(creditCodeProblem('9135')).toBe('must be 18 characters, got 4');
  });
});

describe('resident ID number', () => {
  it("accepts the standard's own example, with X as check character", () => {
    expect(residentIdProblem('11010519491231002X')).toBeUndefined();
  });

  it('refuses a wrong check digit and an impossible birth date', () => {
    expect(residentIdProblem('110105194912310021')).toBe('check character is "1" but must be "X"');
    expect(residentIdProblem('110105194902300020')).toMatch(/not a real birth date/);
    expect(residentIdProblem('11010519491231002x')).toMatch(/17 digits/);
  });
});

describe('calendar dates', () => {
  it('knows leap years', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-1')).toBe(false);
  });
});
