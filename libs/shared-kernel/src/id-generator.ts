import { randomUUID } from 'node:crypto';

export abstract class IdGenerator {
  abstract newId(): string;
}

export class RandomIdGenerator extends IdGenerator {
  newId(): string {
    return randomUUID();
  }
}
