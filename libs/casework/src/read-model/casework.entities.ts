export const CASEWORK_ENTITIES = [];
