export const EMPLOYMENT_ENTITIES = [];
