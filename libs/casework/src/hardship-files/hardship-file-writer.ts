import { Injectable } from '@nestjs/common';
import {
  createCommandContext,
  EventStore,
  exactly,
  expectedFrom,
  formatPosition,
  loadStream,
  toEventsToAppend,
  WrongExpectedRevisionError,
  type AppendResult,
  type CommandContext,
  type StreamAppend,
} from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { PersonalDataVault } from '#personal-data';
import { Clock, DomainError, IdGenerator, shanghaiDate } from '#shared-kernel';
import { hardshipFileStreamName, hardshipPersonStreamName } from '../casework.streams.js';
import type { Sealed } from '../casework.vocabulary.js';
import {
  decideHardshipFile,
  hardshipFileEvolution,
  personClaimEvolution,
  type HardshipFileCommand,
  type HardshipFileDecision,
  type HardshipFileState,
} from '../hardship-file.decider.js';

export interface FileWritten {
  fileId: string;
  revision: bigint;
  position: string;
}

type ExistingFile = Exclude<HardshipFileState, { status: 'none' }>;

const RACE_RETRIES = 3;

/**
 * The write path of every command on a file: load the file (a file outside the caller's units is reported as
 * missing), check If-Match, load the person's claim, decide, and append to the file's stream and, when the decision
 * changes the claim, to the person's stream in the same atomic append. A lost race is decided again on fresh state;
 * a pinned revision that no longer holds is a 412.
 */
@Injectable()
export class HardshipFileWriter {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
    private readonly vault: PersonalDataVault,
  ) {}

  newId(): string {
    return this.ids.newId();
  }

  context(meta: RequestMeta): { context: CommandContext; today: string } {
    const context = createCommandContext(meta, this.clock, this.ids);
    return { context, today: shanghaiDate(context.now) };
  }

  /** Seals free-text notes with the person's key; nothing to seal is null. */
  async sealNotes(personId: string, notes: string | undefined): Promise<Sealed | null> {
    return notes === undefined ? null : this.vault.seal(personId, { notes });
  }

  async execute(
    fileId: string,
    actor: Actor,
    meta: RequestMeta,
    expectedRevision: bigint | undefined,
    build: (file: ExistingFile, today: string) => Promise<HardshipFileCommand>,
  ): Promise<FileWritten> {
    const { context, today } = this.context(meta);
    let command: HardshipFileCommand | undefined;
    for (let attempt = 0; ; attempt++) {
      const file = await loadStream(this.store, hardshipFileEvolution, hardshipFileStreamName(fileId));
      if (file.state.status === 'none' || !(await this.units.isInScope(actor, file.state.unitId))) {
        throw new DomainError('CASEWORK.FILE_NOT_FOUND', 'not_found', `No hardship file ${fileId}`);
      }
      if (expectedRevision !== undefined && expectedRevision !== file.revision) {
        throw new WrongExpectedRevisionError(hardshipFileStreamName(fileId), exactly(expectedRevision), file.revision);
      }
      const claim = await loadStream(this.store, personClaimEvolution, hardshipPersonStreamName(file.state.personId));
      command ??= await build(file.state, today);
      const decision = decideHardshipFile(command, file.state, claim.state);
      try {
        const result = await this.append(fileId, file.revision, file.state.personId, claim.revision, decision, context);
        return { fileId, revision: result.nextExpectedRevision, position: formatPosition(result.position) };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < RACE_RETRIES) continue;
        throw error;
      }
    }
  }

  /** Appends a decision: the file's events, and the claim's in the same transaction when there are any. */
  async append(
    fileId: string,
    fileRevision: bigint,
    personId: string,
    claimRevision: bigint,
    decision: HardshipFileDecision,
    context: CommandContext,
  ): Promise<AppendResult> {
    const fileStream = hardshipFileStreamName(fileId);
    const appends: StreamAppend[] = [{ streamName: fileStream, expectedRevision: expectedFrom(fileRevision), events: toEventsToAppend(decision.file, context) }];
    if (decision.claim.length) {
      appends.push({
        streamName: hardshipPersonStreamName(personId),
        expectedRevision: expectedFrom(claimRevision),
        events: toEventsToAppend(decision.claim, context),
      });
    }
    const results = await this.store.appendToStreams(appends);
    return results.get(fileStream)!;
  }
}
