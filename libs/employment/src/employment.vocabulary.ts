/** Who registers for re-employment help (就业援助对象). */
export const SEEKER_KINDS = ['laid_off_worker', 'migrant_worker', 'graduate', 'other_unemployed'] as const;
export type SeekerKind = (typeof SEEKER_KINDS)[number];

/** Kept plain (not sealed): the reports count re-employed women ("安排下岗女工再就业300多人"). */
export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

/** What the list filters on; derived from the seeker's current cycle, rehired first. */
export const SEEKER_STATUSES = ['registered', 'in_training', 'referred', 'rehired'] as const;
export type SeekerStatus = (typeof SEEKER_STATUSES)[number];

/** Course types the reports name (焊工, 电脑, 烹调, 家政, 服装加工), for figures by course. */
export const COURSE_TYPES = ['welding', 'computing', 'cooking', 'domestic_service', 'garment_making', 'electrician', 'driving', 'other'] as const;
export type CourseType = (typeof COURSE_TYPES)[number];

export const DROP_OUT_REASONS = ['found_work', 'health', 'family', 'moved_away', 'lost_contact', 'other'] as const;
export type DropOutReason = (typeof DROP_OUT_REASONS)[number];

/** How a worker found the job: at a job fair, through a referral, at a training base, or by starting their own business (创业). */
export const REHIRE_CHANNELS = ['job_fair', 'referral', 'training_base', 'self_employment'] as const;
export type RehireChannel = (typeof REHIRE_CHANNELS)[number];

export const REFERRAL_OUTCOMES = ['not_hired', 'seeker_declined'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const JOB_LOSS_REASONS = ['contract_ended', 'laid_off', 'business_closed', 'resigned', 'dismissed', 'other'] as const;
export type JobLossReason = (typeof JOB_LOSS_REASONS)[number];
