import { assertNever, DomainError, type Decider, type DomainEvent } from '#shared-kernel';

/** A job fair (招聘会) organised by a federation unit; it may be recorded ahead of the day to collect positions. */
export type JobFairOrganised = DomainEvent<
  'JobFairOrganised',
  { fairId: string; name: string; heldOn: string; place: string; unitId: string; organiser: string }
>;
/** An employer offers a number of openings of one position at the fair. */
export type PositionOffered = DomainEvent<
  'PositionOffered',
  { fairId: string; positionId: string; employer: string; position: string; count: number }
>;
export type JobFairEvent = JobFairOrganised | PositionOffered;

export interface OfferedPosition {
  readonly employer: string;
  readonly position: string;
  readonly count: number;
}
export type JobFairState =
  | { status: 'none' }
  | { status: 'organised'; fairId: string; unitId: string; heldOn: string; positions: Readonly<Record<string, OfferedPosition>> };

export interface OrganiseJobFair {
  type: 'OrganiseJobFair';
  data: JobFairOrganised['data'] & { positions: Omit<PositionOffered['data'], 'fairId'>[] };
}
export interface OfferPosition {
  type: 'OfferPosition';
  data: PositionOffered['data'];
}
export type JobFairCommand = OrganiseJobFair | OfferPosition;

export const jobFairDecider: Decider<JobFairState, JobFairCommand, JobFairEvent> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    switch (command.type) {
      case 'OrganiseJobFair': {
        if (state.status !== 'none') throw new DomainError('EMPLOYMENT.FAIR_EXISTS', 'conflict', `Job fair ${command.data.fairId} is already recorded`);
        const { positions, ...fair } = command.data;
        const offered: PositionOffered[] = [];
        positions.forEach((position, index) => {
          const duplicate = positions.findIndex((other) => samePosition(other, position));
          if (duplicate < index) {
            throw new DomainError('EMPLOYMENT.POSITION_LISTED_TWICE', 'invalid', 'The same position of the same employer is listed twice', [
              { field: `positions[${index}]`, reason: `repeats positions[${duplicate}]: add the counts together` },
            ]);
          }
          offered.push({ type: 'PositionOffered', data: { fairId: fair.fairId, ...position } });
        });
        return [{ type: 'JobFairOrganised', data: fair }, ...offered];
      }
      case 'OfferPosition': {
        if (state.status === 'none') throw new DomainError('EMPLOYMENT.FAIR_NOT_FOUND', 'not_found', `No job fair ${command.data.fairId}`);
        const existing = Object.entries(state.positions).find(([, position]) => samePosition(position, command.data));
        if (existing) {
          throw new DomainError('EMPLOYMENT.POSITION_ALREADY_OFFERED', 'conflict', 'This employer already offers this position at the fair', [], {
            positionId: existing[0],
          });
        }
        return [{ type: 'PositionOffered', data: command.data }];
      }
      default:
        return assertNever(command, 'job fair command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'JobFairOrganised':
        return { status: 'organised', fairId: event.data.fairId, unitId: event.data.unitId, heldOn: event.data.heldOn, positions: {} };
      case 'PositionOffered': {
        if (state.status === 'none') return state;
        const { employer, position, count } = event.data;
        return { ...state, positions: { ...state.positions, [event.data.positionId]: { employer, position, count } } };
      }
      default:
        return assertNever(event, 'job fair event');
    }
  },
};

/** Employer and position compared as a caseworker would: ignoring case and spacing. */
function samePosition(a: { employer: string; position: string }, b: { employer: string; position: string }): boolean {
  const key = (text: string) => text.replace(/\s+/g, '').toLowerCase();
  return key(a.employer) === key(b.employer) && key(a.position) === key(b.position);
}
