import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto, type Actor } from '#http';
import { unitsInScopeSql } from '#identity';
import { FILE_STATUSES, HARDSHIP_CATEGORIES, HARDSHIP_TIERS, type FileStatus, type HardshipCategory, type HardshipTier } from '../casework.vocabulary.js';
import { Optional, Trim } from '../validators.js';

/** Which part of the register to read; always within the caller's units. */
export class RegisterFilterDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看此单位及下级单位 / Only this unit and the units below it' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: HARDSHIP_CATEGORIES, description: '困难类别 / Cause of hardship' })
  @Optional()
  @IsIn(HARDSHIP_CATEGORIES)
  category?: HardshipCategory;

  @ApiPropertyOptional({ enum: HARDSHIP_TIERS, description: '困难类型 / Tier' })
  @Optional()
  @IsIn(HARDSHIP_TIERS)
  tier?: HardshipTier;

  @ApiPropertyOptional({ enum: FILE_STATUSES, description: '在册 open 或已退出 closed（默认全部） / On the register or left it (default: both)' })
  @Optional()
  @IsIn(FILE_STATUSES)
  status?: FileStatus;

  @ApiPropertyOptional({ description: '按姓名查找（部分匹配）；按身份证号查找请用 POST /hardship-files/search / Part of the name; search by ID number with POST /hardship-files/search' })
  @Optional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;
}

/** A WHERE clause and its parameters; `$1` is always the caller's unit. */
export function registerWhere(filter: Partial<RegisterFilterDto>, actor: Actor, extra: { personId?: string } = {}): { where: string; params: unknown[] } {
  const params: unknown[] = [actor.unitId];
  const clauses = [`f.unit_id IN ${unitsInScopeSql('$1')}`];
  const add = (clause: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (filter.unitId) add((p) => `f.unit_id IN ${unitsInScopeSql(p)}`, filter.unitId);
  if (filter.category) add((p) => `${p}::text = ANY (f.categories)`, filter.category);
  if (filter.tier) add((p) => `f.tier = ${p}::text`, filter.tier);
  if (filter.status) add((p) => `f.status = ${p}::text`, filter.status);
  if (filter.name) add((p) => `f.name ILIKE ${p}::text`, `%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (extra.personId) add((p) => `f.person_id = ${p}::uuid`, extra.personId);
  return { where: clauses.join(' AND '), params };
}
