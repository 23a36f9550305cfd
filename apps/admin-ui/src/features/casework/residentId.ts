/**
 * The resident ID number rule of the server (GB 11643-1999, libs/shared-kernel residentIdProblem): 17 digits and a
 * check character (a digit or X) computed from them, with a real birth date at positions 7-14.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export type ResidentIdProblem = 'shape' | 'birthDate' | 'checkCharacter';

export function residentIdCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function residentIdProblem(raw: string): ResidentIdProblem | undefined {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'shape';
  if (!isRealDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return 'birthDate';
  return id[17] === residentIdCheckCharacter(id) ? undefined : 'checkCharacter';
}

/** The sex the number records: its 17th digit is odd for men, even for women. */
export function genderOfResidentId(id: string): 'male' | 'female' {
  return Number(id.trim()[16]) % 2 === 1 ? 'male' : 'female';
}

/** Looks like an ID number (search box): digits, maybe an X at the end, 15 characters or more. */
export const looksLikeResidentId = (text: string) => /^\d{15,17}[\dXx]?$/.test(text.trim());
