/** GB 11643-1999: 17 digits, a real birth date at 7-14, and the check character the weights give. */
export function isResidentId(value: string): boolean {
  const text = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(text)) return false;
  const [year, month, day] = [Number(text.slice(6, 10)), Number(text.slice(10, 12)), Number(text.slice(12, 14))];
  const born = new Date(Date.UTC(year, month - 1, day));
  if (born.getUTCFullYear() !== year || born.getUTCMonth() !== month - 1 || born.getUTCDate() !== day) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, i) => total + Number(text[i]) * weight, 0);
  return '10X98765432'[sum % 11] === text[17];
}
