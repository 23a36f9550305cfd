import type { Actor } from '#http';
import { UnitDirectory } from '#identity';
import { DomainError } from '#shared-kernel';
import type { GrantAccess } from './aid-grant-writer.js';

/** Anyone who sees the grant (its case is in their units): paying out and revoking. */
export const anyoneWhoSeesIt: GrantAccess = async () => undefined;

/** Deciding on money belongs to a supervisor of the unit whose programme and fund it is, or of a unit above it. */
export function programmeSupervisor(units: UnitDirectory, actor: Actor): GrantAccess {
  return async (_grant, programme) => {
    if (!(await units.isInScope(actor, programme.unitId))) {
      throw new DomainError('AID.APPROVER_OUT_OF_SCOPE', 'forbidden', "Only a supervisor of the programme's unit or above decides on its grants");
    }
  };
}
