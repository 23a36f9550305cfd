import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { PageQueryDto, ROLES, Trim, type Actor, type Page, type Role } from '#http';
import { DomainError } from '#shared-kernel';
import { CurrentAccounts } from '../accounts/current-accounts.js';
import { UnitDirectory } from '../units/unit-directory.js';
import { unitsInScopeSql } from '../units/unit-scope.js';

export class ListAccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: '按角色筛选 / Only this role' }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ enum: ['active', 'disabled'], description: '状态：启用、停用 / Status: active or disabled' }) @IsOptional() @IsIn(['active', 'disabled']) status?: 'active' | 'disabled';
  @ApiPropertyOptional({ format: 'uuid', description: '仅本单位及其下级单位 / Only this unit and the units below it' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ description: '用户名或姓名的一部分 / Part of the username or display name' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string | null;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  createdAt: string;
  revision: number;
}

interface AccountRowRaw {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string;
  unit_name: string | null;
  status: 'active' | 'disabled';
  locked_until: Date | null;
  created_at: Date;
  revision: string;
}

const toView = (row: AccountRowRaw): AccountView => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  unitId: row.unit_id,
  unitName: row.unit_name,
  status: row.status,
  lockedUntil: row.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until.toISOString() : null,
  createdAt: row.created_at.toISOString(),
  revision: Number(row.revision),
});

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Accounts as admins and auditors list them, limited to the caller's units. */
@Injectable()
export class AccountQueries {
  constructor(
    @InjectDataSource() private readonly database: DataSource,
    private readonly accounts: CurrentAccounts,
    private readonly units: UnitDirectory,
  ) {}

  /** From the account's own stream, so it is right the moment after sign-in. */
  async me(actor: Actor) {
    const state = await this.accounts.load(actor.userId);
    const unit = await this.units.find(actor.unitId);
    return {
      userId: actor.userId,
      username: actor.username,
      displayName: state.status === 'absent' ? actor.username : state.displayName,
      role: actor.role,
      unit: unit ? { id: unit.unitId, name: unit.name, level: unit.level } : { id: actor.unitId, name: null, level: null },
    };
  }

  async list(actor: Actor, filter: ListAccountsQueryDto): Promise<Page<AccountView>> {
    const conditions = [`a.unit_id IN ${unitsInScopeSql('$1')}`];
    const parameters: unknown[] = [actor.unitId];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql(`$${parameters.length}`));
    };
    if (filter.role) add((p) => `a.role = ${p}`, filter.role);
    if (filter.status) add((p) => `a.status = ${p}`, filter.status);
    if (filter.unitId) add((p) => `a.unit_id IN ${unitsInScopeSql(p)}`, filter.unitId);
    if (filter.search) add((p) => `(a.username ILIKE ${p} OR a.display_name ILIKE ${p})`, `%${escapeLike(filter.search)}%`);
    const where = conditions.join(' AND ');
    const [{ total }] = await this.database.query(`SELECT count(*)::int AS total FROM read_model.accounts a WHERE ${where}`, parameters);
    const rows: AccountRowRaw[] = await this.database.query(
      `SELECT a.*, u.name AS unit_name FROM read_model.accounts a LEFT JOIN read_model.units u ON u.id = a.unit_id
        WHERE ${where} ORDER BY a.username LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      parameters,
    );
    return { items: rows.map(toView), page: filter.page, pageSize: filter.pageSize, total };
  }

  async get(actor: Actor, id: string): Promise<AccountView> {
    const rows: AccountRowRaw[] = await this.database.query(
      `SELECT a.*, u.name AS unit_name FROM read_model.accounts a LEFT JOIN read_model.units u ON u.id = a.unit_id
        WHERE a.id = $2 AND a.unit_id IN ${unitsInScopeSql('$1')}`,
      [actor.unitId, id],
    );
    if (!rows[0]) throw new DomainError('IDENTITY.ACCOUNT_NOT_FOUND', 'not_found', `No account ${id}`);
    return toView(rows[0]);
  }
}
