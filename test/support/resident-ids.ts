const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID number with its right check character (GB 11643-1999), from its first 17 digits. */
export function residentId(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  const check = (12 - (sum % 11)) % 11;
  return `${first17}${check === 10 ? 'X' : check}`;
}
