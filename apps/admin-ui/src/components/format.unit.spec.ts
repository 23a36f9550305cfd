import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatBasisPoints, formatMoney, yuanToFen } from './format';

describe('money in the UI', () => {
  it('turns typed yuan into integer fen without floating-point drift', () => {
    expect(yuanToFen(0.1)).toBe(10);
    expect(yuanToFen(1234.56)).toBe(123_456);
    expect(yuanToFen('800')).toBe(80_000);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen(19.99)).toBe(1999);
  });

  it('gives back every whole number of fen that was shown as yuan', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => yuanToFen((fen / 100).toFixed(2)) === fen));
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000 }), (fen) => yuanToFen(fen / 100) === fen));
  });

  it('shows fen as yuan with two decimals in each language', () => {
    expect(formatMoney(12_550_000, 'zh-CN')).toBe('¥125,500.00');
    expect(formatMoney(12_550_000, 'en')).toBe('CN¥125,500.00');
    expect(formatMoney(5, 'zh-CN')).toBe('¥0.05');
    expect(formatMoney(null, 'zh-CN')).toBe('—');
  });

  it('shows basis points as a percentage', () => {
    expect(formatBasisPoints(8000)).toBe('80.00%');
    expect(formatBasisPoints(4)).toBe('0.04%');
  });
});
