import { Injectable } from '@nestjs/common';
import { ANY, createCommandContext, EventStore, toEventsToAppend } from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { Clock, IdGenerator, shanghaiDate } from '#shared-kernel';
import { accessLogStreamName } from '../identity.streams.js';
import type { PersonalRecordRead } from './access-log.events.js';

/**
 * Records that someone opened a worker's full record. Call it before returning the record: if the fact cannot
 * be recorded, the record is not shown.
 */
@Injectable()
export class AccessAudit {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async personalRecordRead(actor: Actor, meta: RequestMeta, record: { recordType: string; recordId: string; unitId: string }): Promise<void> {
    const context = createCommandContext(meta, this.clock, this.ids);
    const event: PersonalRecordRead = { type: 'PersonalRecordRead', data: { userId: actor.userId, ...record } };
    await this.store.appendToStream(accessLogStreamName(shanghaiDate(context.now)), ANY, toEventsToAppend([event], context));
  }
}
