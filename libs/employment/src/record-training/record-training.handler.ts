import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { SeekerCommands, type SeekerCommandResult } from '../seeker-command.js';
import type { CompleteTrainingDto, DropOutOfTrainingDto, EnrolInTrainingDto } from './record-training.dto.js';

interface Target {
  readonly seekerId: string;
  readonly actor: Actor;
  readonly meta: RequestMeta;
  readonly expectedRevision: bigint | undefined;
}

export class EnrolInTrainingCommand extends Command<SeekerCommandResult & { trainingId: string }> {
  constructor(
    readonly target: Target,
    readonly data: EnrolInTrainingDto,
  ) {
    super();
  }
}

export class FinishTrainingCommand extends Command<SeekerCommandResult> {
  constructor(
    readonly target: Target,
    readonly trainingId: string,
    readonly outcome: { completed: CompleteTrainingDto } | { droppedOut: DropOutOfTrainingDto },
  ) {
    super();
  }
}

@CommandHandler(EnrolInTrainingCommand)
export class EnrolInTrainingHandler implements ICommandHandler<EnrolInTrainingCommand> {
  constructor(private readonly seekers: SeekerCommands) {}

  async execute({ target, data }: EnrolInTrainingCommand) {
    const trainingId = this.seekers.newId();
    const result = await this.seekers.run(target.seekerId, target.actor, target.meta, target.expectedRevision, (today) => ({
      type: 'EnrolInTraining',
      data: { ...data, seekerId: target.seekerId, trainingId, today },
    }));
    return { ...result, trainingId };
  }
}

@CommandHandler(FinishTrainingCommand)
export class FinishTrainingHandler implements ICommandHandler<FinishTrainingCommand> {
  constructor(private readonly seekers: SeekerCommands) {}

  execute({ target, trainingId, outcome }: FinishTrainingCommand) {
    const { seekerId } = target;
    return this.seekers.run(seekerId, target.actor, target.meta, target.expectedRevision, (today) =>
      'completed' in outcome
        ? { type: 'CompleteTraining', data: { seekerId, trainingId, completedOn: outcome.completed.completedOn, certified: outcome.completed.certified ?? false, today } }
        : { type: 'DropOutOfTraining', data: { seekerId, trainingId, droppedOn: outcome.droppedOut.droppedOn, reason: outcome.droppedOut.reason, today } },
    );
  }
}
