/** Causes of hardship a file is registered under (困难类别); a household may have several. */
export const HARDSHIP_CATEGORIES = [
  'illness', // 因病
  'disability', // 因残
  'schooling', // 因学
  'disaster_accident', // 因灾、意外
  'unemployment', // 失业
  'single_parent_woman', // 单亲困难女职工
  'model_worker', // 困难劳模
  'migrant_worker', // 农民工
] as const;
export type HardshipCategory = (typeof HARDSHIP_CATEGORIES)[number];

/**
 * Today's tiers (Shandong 2020 wording): 深度困难 (income at or below 低保), 相对困难 (below twice 低保),
 * 意外致困 (a sudden event or major illness, whatever the income before it).
 */
export const HARDSHIP_TIERS = ['deep', 'relative', 'accident'] as const;
export type HardshipTier = (typeof HARDSHIP_TIERS)[number];

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

/** Why a file leaves the register. */
export const LEAVING_REASONS = [
  'out_of_hardship', // 脱困: income above 低保 for six consecutive months
  'government_support', // 解困: moved to government basic support, union aid continues
  'retired', // 退休
  'transferred', // 调离、转出
  'deceased', // 去世
] as const;
export type LeavingReason = (typeof LEAVING_REASONS)[number];

/** 五必访 and the other occasions on which a union cadre visits a worker at home. */
export const VISIT_OCCASIONS = [
  'hospitalized', // 生病住院必访
  'bereavement', // 家有丧事必访
  'family_hardship', // 生活困难必访
  'accident_disaster', // 遭遇意外灾害必访
  'family_conflict', // 家庭矛盾、思想波动必访
  'festival', // 节日慰问（送温暖）
  'review', // 动态管理复核入户
  'other',
] as const;
export type VisitOccasion = (typeof VISIT_OCCASIONS)[number];

/** Aid programmes a request may name (the grant itself is decided elsewhere). */
export const AID_PROGRAMMES = [
  'winter_warmth', // 送温暖
  'golden_autumn_education', // 金秋助学
  'summer_cooling', // 夏送清凉
  'spring_employment', // 春送岗位、技能培训
  'medical_aid', // 医疗救助
  'living_subsidy', // 生活救助
  'temporary_aid', // 临时救助
  'cancer_screening', // 两癌筛查
  'in_kind', // 实物（米面油）
] as const;
export type AidProgramme = (typeof AID_PROGRAMMES)[number];

export const REVIEW_OUTCOMES = ['still_in_hardship', 'recovered'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const FILE_STATUSES = ['open', 'closed'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** Personal fields as they travel inside event data: only the pseudonymous person id is readable. */
export interface Sealed {
  readonly personId: string;
  readonly sealed: string;
}

/** What is sealed with a file's opening: who the worker is and the five-clears survey. */
export interface WorkerPersonalData {
  name: string;
  residentId: string;
  phone: string | null;
  address: string | null;
  illnessDetails: string | null;
  fiveClears: FiveClears;
}

/** 五清: the household survey a file is opened on. */
export interface FiveClears {
  familySituation: string;
  causeOfHardship: string;
  stateOfMind: string;
  employmentNeeds: string;
  skills: string;
}

/** Free-text notes of a review, visit, aid request, leaving or re-entry: sealed, since they describe the person. */
export interface SealedNotes {
  notes: string;
}
