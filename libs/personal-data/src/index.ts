export { PersonalDataModule } from './personal-data.module.js';
export { PersonalDataVault, PersonErasedError, type SealedPersonalData } from './personal-data.vault.js';
export { maskPhone, maskResidentId } from './masking.js';
export { personStreamName } from './personal-data.streams.js';
export { ERASURE_REASONS, type ErasureReason, type PersonalDataErased } from './person.decider.js';
