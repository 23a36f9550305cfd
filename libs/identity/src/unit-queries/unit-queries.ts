import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '#http';
import { DomainError } from '#shared-kernel';
import type { UnitLevel } from '../identity.vocabulary.js';
import { unitsInScopeSql } from '../units/unit-scope.js';

export interface UnitView {
  id: string;
  name: string;
  level: UnitLevel;
  parentId: string | null;
  /** Ids from the top of the hierarchy down to this unit. */
  path: string[];
  revision: number;
}

interface UnitRowRaw {
  id: string;
  name: string;
  level: UnitLevel;
  parent_id: string | null;
  path: string;
  revision: string;
}

const toView = (row: UnitRowRaw): UnitView => ({
  id: row.id,
  name: row.name,
  level: row.level,
  parentId: row.parent_id,
  path: row.path.split('/').filter(Boolean),
  revision: Number(row.revision),
});

/** The caller's unit and every unit below it, in tree order. */
@Injectable()
export class UnitQueries {
  constructor(@InjectDataSource() private readonly database: DataSource) {}

  async list(actor: Actor): Promise<{ items: UnitView[] }> {
    const rows: UnitRowRaw[] = await this.database.query(
      `SELECT * FROM read_model.units WHERE id IN ${unitsInScopeSql('$1')} ORDER BY path`,
      [actor.unitId],
    );
    return { items: rows.map(toView) };
  }

  async get(actor: Actor, id: string): Promise<UnitView> {
    const rows: UnitRowRaw[] = await this.database.query(
      `SELECT * FROM read_model.units WHERE id = $2 AND id IN ${unitsInScopeSql('$1')}`,
      [actor.unitId, id],
    );
    if (!rows[0]) throw new DomainError('IDENTITY.UNIT_NOT_FOUND', 'not_found', `No unit ${id}`);
    return toView(rows[0]);
  }
}
