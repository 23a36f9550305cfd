/** The federation's hierarchy, top down: 市 → 区/县 → 乡镇/街道 → 社区/基层. */
export const UNIT_LEVELS = ['city', 'district', 'township', 'community'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Consecutive failed sign-ins that lock an account, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 work grows with input length; a bound keeps one request from costing much. */
export const PASSWORD_MAX_LENGTH = 128;
