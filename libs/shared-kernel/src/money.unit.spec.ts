import { addFen, fen, formatYuan, isFen, MAX_FEN, subtractFen, type Fen } from './money.js';

describe('money in fen', () => {
  it('accepts only whole fen within bounds', () => {
    expect(isFen(125_500_00)).toBe(true);
    expect(isFen(0.5)).toBe(false);
    expect(isFen(Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(() => fen(1.1)).toThrow(RangeError);
  });

  it('adds and subtracts exactly, and formats yuan with two decimals', () => {
    expect(addFen(fen(10), fen(20), fen(3))).toBe(33);
    expect(subtractFen(fen(10), fen(30))).toBe(-20);
    expect(formatYuan(fen(12_550_000))).toBe('125,500.00');
    expect(formatYuan(fen(-105))).toBe('-1.05');
    expect(formatYuan(fen(7))).toBe('0.07');
  });

  it('lets a balance grow past the largest single amount', () => {
    expect(addFen(MAX_FEN, MAX_FEN)).toBe(2 * MAX_FEN);
    expect(() => addFen((Number.MAX_SAFE_INTEGER - 1) as Fen, fen(1), fen(1))).toThrow(RangeError);
  });
});
