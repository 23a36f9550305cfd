/** What a user of the federation may do: casework, approving, auditing, administering. */
export const ROLES = ['caseworker', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
