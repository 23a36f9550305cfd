import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, loadStream } from '#event-store';
import { hardshipFileEvolution, hardshipFileStreamName } from '#casework';
import type { Actor, IdempotentRequest, RequestMeta } from '#http';
import { isWithin, UnitDirectory } from '#identity';
import { PersonalDataVault } from '#personal-data';
import { DomainError, fen } from '#shared-kernel';
import type { Admission, ProposeAid, Recipient } from '../aid-grant.decider.js';
import { aidPolicyEvolution, type EstablishedProgramme } from '../aid-programme.decider.js';
import { aidPolicyStreamName } from '../funds.streams.js';
import type { HardshipTier, Sealed } from '../funds.vocabulary.js';
import { AidGrantWriter, loadProgramme } from '../writing/aid-grant-writer.js';
import type { Written } from '../writing/funds-writer.js';
import type { ProposeAidDto, RecipientDto } from './propose-aid.dto.js';

export class ProposeAidCommand extends Command<Written> {
  constructor(
    readonly data: ProposeAidDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly idempotent: IdempotentRequest | undefined,
  ) {
    super();
  }
}

interface ResolvedRecipient {
  /** Null for a worker the vault does not know yet. */
  personId: string | null;
  recipient: Recipient | null;
  unitId: string;
  fileTier: HardshipTier | null;
  fileOnRegister: boolean;
  name?: string;
  residentId?: string;
}

/** Stands in for sealed fields while a decision is checked before anyone is enrolled. */
const NOT_YET_SEALED: Sealed = { personId: '', sealed: '' };

const unprocessable = (code: string, field: string, reason: string, message: string) => new DomainError(code, 'unprocessable', message, [{ field, reason }]);

/**
 * A caseworker proposes aid for a household on the register (or a worker without a file, where the programme
 * allows it) from a fund of the programme's unit. Within the unit's threshold the grant is decided at once and the
 * amount reserved; above it the proposal waits for a supervisor.
 */
@CommandHandler(ProposeAidCommand)
export class ProposeAidHandler implements ICommandHandler<ProposeAidCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly grants: AidGrantWriter,
    private readonly units: UnitDirectory,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ data, actor, meta, idempotent }: ProposeAidCommand): Promise<Written> {
    const programme = await loadProgramme(this.store, data.programmeId);
    if (!programme) throw unprocessable('AID.PROGRAMME_NOT_FOUND', 'programmeId', 'is not an aid programme', 'No such aid programme');
    const resolved = await this.resolveRecipient(data.recipient, actor, programme);
    const caseUnit = await this.units.find(resolved.unitId);
    if (!isWithin(caseUnit, programme.unitId)) {
      throw unprocessable('AID.PROGRAMME_NOT_FOR_UNIT', 'programmeId', "does not serve the recipient's unit", "The programme is not run for the recipient's unit");
    }
    const { state: policy } = await loadStream(this.store, aidPolicyEvolution, aidPolicyStreamName(programme.unitId));
    const grantId = this.grants.newId();
    const proposal = (personId: string, recipient: Recipient, reason: Sealed, admission: Admission | null): ProposeAid => ({
      type: 'ProposeAid',
      data: {
        grantId,
        programmeId: programme.programmeId,
        programmeKind: programme.kind,
        fundId: data.fundId,
        unitId: resolved.unitId,
        recipient,
        householdKey: personId,
        amountFen: fen(data.amountFen),
        reason,
        admission,
        proposedOn: this.grants.today(),
        proposedBy: actor.userId,
        thresholdFen: policy.thresholdFen,
        fileTier: resolved.fileTier,
        fileOnRegister: resolved.fileOnRegister,
      },
    });
    const target = (personId: string) => ({ grantId, programmeId: programme.programmeId, fundId: data.fundId, householdKey: personId });

    let personId = resolved.personId;
    let recipient = resolved.recipient;
    if (personId === null) {
      // A worker the vault does not know yet has no grants; the decision is checked before they are enrolled.
      const admission = data.admission ? { ...data.admission, student: NOT_YET_SEALED } : null;
      await this.grants.check(target(''), programme, proposal('', { kind: 'worker', personId: '', worker: NOT_YET_SEALED }, NOT_YET_SEALED, admission));
      personId = await this.vault.enrol(resolved.residentId!);
      recipient = { kind: 'worker', personId, worker: await this.vault.seal(personId, { name: resolved.name, residentId: resolved.residentId }) };
    }
    const admission: Admission | null = data.admission
      ? {
          level: data.admission.level,
          school: data.admission.school,
          admittedOn: data.admission.admittedOn,
          student: await this.vault.seal(personId, { studentName: data.admission.studentName }),
        }
      : null;
    const reason = await this.vault.seal(personId, { reason: data.reason });
    return this.grants.propose(meta, idempotent, target(personId), programme, proposal(personId, recipient!, reason, admission));
  }

  private async resolveRecipient(recipient: RecipientDto, actor: Actor, programme: EstablishedProgramme): Promise<ResolvedRecipient> {
    if (recipient.kind === 'hardship_file') {
      const { state: file } = await loadStream(this.store, hardshipFileEvolution, hardshipFileStreamName(recipient.fileId!));
      if (file.status === 'none' || !(await this.units.isInScope(actor, file.unitId))) {
        throw unprocessable('AID.FILE_NOT_FOUND', 'recipient.fileId', 'is not a hardship file in your units', 'No such hardship file in your units');
      }
      return {
        personId: file.personId,
        recipient: { kind: 'hardship_file', fileId: file.fileId, personId: file.personId },
        unitId: file.unitId,
        fileTier: file.status === 'open' ? file.tier : null,
        fileOnRegister: file.status === 'open',
      };
    }
    await this.units.requireWithinScope(actor, recipient.unitId!, 'recipient.unitId');
    if (!programme.eligibility.recipients.includes('worker')) {
      // Checked before anyone is enrolled in the vault, so a refused request leaves no person behind.
      throw unprocessable('AID.NOT_ELIGIBLE', 'recipient', `this programme is for ${programme.eligibility.recipients.join(', ')}`, 'The programme does not help this kind of recipient');
    }
    const known = await this.vault.findByResidentId(recipient.residentId!);
    const unknown = { personId: null, recipient: null, unitId: recipient.unitId!, fileTier: null, fileOnRegister: false, name: recipient.name, residentId: recipient.residentId };
    if (known === null) return unknown;
    const worker = await this.vault.seal(known, { name: recipient.name, residentId: recipient.residentId });
    return { ...unknown, personId: known, recipient: { kind: 'worker', personId: known, worker } };
  }
}
