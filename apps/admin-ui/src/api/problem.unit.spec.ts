import { describe, expect, it } from '@jest/globals';
import i18next from 'i18next';
import { errors } from '../i18n/errors';
import { ApiError } from './client';
import { describeProblem, fieldProblems, translateReason } from './problem';

const instance = i18next.createInstance();
await instance.init({
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  resources: { 'zh-CN': { errors: errors.zh }, en: { errors: errors.en } },
  interpolation: { escapeValue: false },
});
const zh = instance.getFixedT('zh-CN');
const en = instance.getFixedT('en');

describe('the API problems shown to users', () => {
  it('says a known domain code in the user language, and falls back to the API title for an unknown one', () => {
    const cap = new ApiError({ title: 'The household cap is reached', status: 409, code: 'AID.HOUSEHOLD_CAP' });
    expect(describeProblem(cap, zh)).not.toBe('The household cap is reached');
    expect(describeProblem(cap, zh)).toMatch(/[\u4e00-\u9fff]/);
    expect(describeProblem(cap, en)).toMatch(/[a-z]/);
    const unknown = new ApiError({ title: 'Something new', status: 409, code: 'NEW.THING' });
    expect(describeProblem(unknown, zh)).toBe('Something new');
    expect(describeProblem(new ApiError({ title: 'Network error', status: 0, code: 'NETWORK' }), zh)).toBe(errors.zh.generic && (errors.zh.generic as Record<string, string>).network);
  });

  it('drops the property name class-validator puts first and translates the rule', () => {
    expect(translateReason({ field: 'name', reason: 'name should not be empty' }, zh)).toBe('不能为空');
    expect(translateReason({ field: 'employeeCount', reason: 'employeeCount must not be less than 0' }, en)).toBe('must not be less than 0');
    expect(translateReason({ field: 'parentId', reason: 'is required' }, zh)).toBe('必填');
    // A bound on a fen field is said in yuan, as the form asks for yuan.
    expect(translateReason({ field: 'amountFen', reason: 'amountFen must not be less than 1' }, en)).toContain('0.01');
  });

  it('leaves a reason it has no rule for as the API wrote it', () => {
    expect(translateReason({ field: 'x', reason: 'x is odd in a way nobody foresaw' }, zh)).toBe('is odd in a way nobody foresaw');
  });

  it('keeps only the problems that name a field', () => {
    const error = new ApiError({ title: 'bad', status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'name', reason: 'is required' }, { reason: 'whole body' }] });
    expect(fieldProblems(error)).toEqual([{ field: 'name', reason: 'is required' }]);
    expect(fieldProblems(new Error('x'))).toEqual([]);
  });
});
