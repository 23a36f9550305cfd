/** The only place stream names of the casework context are built. */
export const hardshipFileStreamName = (fileId: string) => `hardship_file-${fileId}`;
/**
 * One stream per person (pseudonymous id) holds which file of theirs is on the register, so a second open file
 * for the same resident ID number is refused however many requests race.
 */
export const hardshipPersonStreamName = (personId: string) => `hardship_person-${personId}`;
