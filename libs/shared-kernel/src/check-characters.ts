import { isCalendarDate } from './calendar-date.js';

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why a unified social credit code (GB 32100-2015) is not valid, or undefined when it is. */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== 18) return `must be 18 characters, got ${code.length}`;
  const values: number[] = [];
  for (const [index, char] of [...code].entries()) {
    const value = CREDIT_CODE_ALPHABET.indexOf(char);
    if (value < 0) return `character ${index + 1} ("${char}") is not allowed (digits and upper-case letters except I, O, S, V, Z)`;
    values.push(value);
  }
  const sum = CREDIT_CODE_WEIGHTS.reduce((total, weight, index) => total + weight * values[index], 0);
  const expected = CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
  return code[17] === expected ? undefined : `check character is "${code[17]}" but must be "${expected}"`;
}

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Why a resident ID number (GB 11643-1999) is not valid, or undefined when it is. */
export function residentIdProblem(id: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(id)) return 'must be 17 digits followed by a digit or X';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birth)) return `positions 7-14 (${id.slice(6, 14)}) are not a real birth date`;
  const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  const check = (12 - (sum % 11)) % 11;
  const expected = check === 10 ? 'X' : String(check);
  return id[17] === expected ? undefined : `check character is "${id[17]}" but must be "${expected}"`;
}
