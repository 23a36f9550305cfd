import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, formatPosition, loadStream, NO_REVISION, WrongExpectedRevisionError } from '#event-store';
import { RequestValidationException, type Actor, type RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { enterpriseStreamName, type EnterpriseEvent } from '#organizing';
import { PersonalDataVault } from '#personal-data';
import { DomainError } from '#shared-kernel';
import { hardshipPersonStreamName } from '../casework.streams.js';
import type { Sealed, WorkerPersonalData } from '../casework.vocabulary.js';
import { decideHardshipFile, personClaimEvolution, type OpenHardshipFile, type PersonClaimState } from '../hardship-file.decider.js';
import { HardshipFileWriter, type FileWritten } from '../hardship-files/hardship-file-writer.js';
import { genderOfResidentId } from '../validators.js';
import type { OpenFileDto } from './open-file.dto.js';

export class OpenFileCommand extends Command<FileWritten> {
  constructor(
    readonly data: OpenFileDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** Stands in for the sealed worker while the decision is first checked, before anyone is enrolled in the vault. */
const NOT_YET_SEALED: Sealed = { personId: '', sealed: '' };
const RACE_RETRIES = 3;

/**
 * Opens a file and claims the person for it in one atomic append. The person is found through the vault's keyed
 * hash of the ID number; a person with an open file is refused with 409 naming it, however many requests race.
 * The decision is checked before the vault enrols anyone, so a refused request leaves no trace.
 */
@CommandHandler(OpenFileCommand)
export class OpenFileHandler implements ICommandHandler<OpenFileCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly writer: HardshipFileWriter,
    private readonly units: UnitDirectory,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ data, actor, meta }: OpenFileCommand): Promise<FileWritten> {
    await this.units.requireWithinScope(actor, data.unitId, 'unitId');
    if (genderOfResidentId(data.residentId) !== data.gender) {
      throw new RequestValidationException([{ field: 'gender', reason: 'does not match the sex the resident ID number records' }]);
    }
    if (data.categories.includes('illness') && data.illnessDetails === undefined) {
      throw new RequestValidationException([{ field: 'illnessDetails', reason: 'is required when a category is illness' }]);
    }
    const employerName = await this.employerName(data, actor);
    const { context, today } = this.writer.context(meta);
    const fileId = this.writer.newId();
    const command = (worker: Sealed): OpenHardshipFile => ({
      type: 'OpenHardshipFile',
      data: {
        fileId,
        unitId: data.unitId,
        worker,
        gender: data.gender,
        enterpriseId: data.enterpriseId ?? null,
        employerName,
        householdSize: data.householdSize,
        perCapitaMonthlyIncomeFen: data.perCapitaMonthlyIncomeFen,
        minimumLivingStandardFen: data.minimumLivingStandardFen,
        categories: data.categories,
        tier: data.tier,
        migrantWorker: data.migrantWorker ? { unionMember: data.migrantWorker.unionMember, employedSince: data.migrantWorker.employedSince } : null,
        surveyedOn: data.surveyedOn,
        nextReviewDue: data.nextReviewDue,
        today,
      },
    });

    const known = await this.vault.findByResidentId(data.residentId);
    decideHardshipFile(command(NOT_YET_SEALED), { status: 'none' }, await this.claimOf(known));
    const personId = known ?? (await this.vault.enrol(data.residentId));
    const personal: WorkerPersonalData = {
      name: data.name,
      residentId: data.residentId,
      phone: data.phone ?? null,
      address: data.address ?? null,
      illnessDetails: data.illnessDetails ?? null,
      fiveClears: { ...data.fiveClears },
    };
    const opening = command(await this.vault.seal(personId, personal));
    for (let attempt = 0; ; attempt++) {
      const claim = await loadStream(this.store, personClaimEvolution, hardshipPersonStreamName(personId));
      const decision = decideHardshipFile(opening, { status: 'none' }, claim.state);
      try {
        const result = await this.writer.append(fileId, NO_REVISION, personId, claim.revision, decision, context);
        return { fileId, revision: result.nextExpectedRevision, position: formatPosition(result.position) };
      } catch (error) {
        // Another file claimed the person between our read and our append: the next decision names it.
        if (error instanceof WrongExpectedRevisionError && attempt < RACE_RETRIES) continue;
        throw error;
      }
    }
  }

  private async claimOf(personId: string | null): Promise<PersonClaimState> {
    if (!personId) return { status: 'free' };
    return (await loadStream(this.store, personClaimEvolution, hardshipPersonStreamName(personId))).state;
  }

  /** The employer's name as the registry has it, unless the caseworker wrote one; the enterprise must be one the caller sees. */
  private async employerName(data: OpenFileDto, actor: Actor): Promise<string | null> {
    if (data.enterpriseId === undefined) return data.employerName ?? null;
    const recorded = await this.store.readStream(enterpriseStreamName(data.enterpriseId), { maxCount: 1 });
    const registered = recorded.map(({ type, data }) => ({ type, data }) as unknown as EnterpriseEvent).find((event) => event.type === 'EnterpriseRegistered');
    if (!registered || !(await this.units.isInScope(actor, registered.data.unitId))) {
      throw new DomainError('CASEWORK.ENTERPRISE_NOT_FOUND', 'unprocessable', 'No such enterprise in the registry of your units', [
        { field: 'enterpriseId', reason: 'is not a registered enterprise in your units' },
      ]);
    }
    return data.employerName ?? registered.data.name;
  }
}
