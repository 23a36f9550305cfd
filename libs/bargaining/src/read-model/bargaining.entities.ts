export const BARGAINING_ENTITIES = [];
