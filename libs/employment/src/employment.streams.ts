/** The only place stream names of the employment context are built. */
export const jobSeekerStreamName = (seekerId: string) => `job_seeker-${seekerId}`;
export const jobFairStreamName = (fairId: string) => `job_fair-${fairId}`;
/**
 * One claim per pseudonymous person (found from the resident ID number's keyed hash): a person is registered as a
 * job seeker once, whoever registers them. Named by person id, never by anything personal.
 */
export const seekerPersonClaimStreamName = (personId: string) => `job_seeker_person-${personId}`;
