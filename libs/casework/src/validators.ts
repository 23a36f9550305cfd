export { IsCalendarDate, IsPhone, IsResidentId, Optional, Trim, TrimUpperCase } from '#http';

/** The sex a resident ID number encodes: its 17th digit is odd for men, even for women. */
export function genderOfResidentId(residentId: string): 'male' | 'female' {
  return Number(residentId[16]) % 2 === 1 ? 'male' : 'female';
}
