export { AuditTrailModule } from './audit-trail.module.js';
export { AuditTrail, type AuditTrailOptions } from './audit-trail.service.js';
export { type SealerLag } from './chain-sealer.js';
export { CheckpointSigner, checkpointSignatureHolds, checkpointSigningText, keyIdOf, type Checkpoint } from './checkpoint-signature.js';
export { canonicalEventText, chainHash, contentHash, GENESIS_HASH } from './event-hash.js';
export { PROBLEM_KINDS, type ProblemKind, type VerifyProblem, type VerifyReport } from './verify-chain.js';
export { KeptCheckpointDto } from './verify/kept-checkpoint.dto.js';
export { verifyLog, type VerifyLogOptions } from './verify/verify-log.js';
