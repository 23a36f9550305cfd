export const OWNERSHIPS = ['state_owned', 'non_public', 'foreign_funded', 'public_institution', 'government_organ'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** Non-public enterprises (非公企业) are the denominator of the unionization rate the reports quote. */
export const NON_PUBLIC_OWNERSHIPS: readonly Ownership[] = ['non_public', 'foreign_funded'];

export const UNION_KINDS = ['independent', 'joint', 'building_joint', 'industry', 'regional'] as const;
export type UnionKind = (typeof UNION_KINDS)[number];
