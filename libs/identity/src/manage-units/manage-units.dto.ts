import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '#http';
import { UNIT_LEVELS, type UnitLevel } from '../identity.vocabulary.js';

export class RenameUnitDto {
  @ApiProperty({ example: '城关街道总工会', description: '单位名称 / Name of the federation unit' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

/** A new unit: its name as for a rename, its level, and the unit directly above it. */
export class CreateUnitDto extends RenameUnitDto {
  @ApiProperty({ enum: UNIT_LEVELS, description: '层级：市、区/县、乡镇/街道、社区 / Level: city, district or county, township or street, community' })
  @IsIn(UNIT_LEVELS)
  level: UnitLevel;

  @ApiProperty({ format: 'uuid', description: '上级单位（高一级） / The unit directly above, one level up' })
  @IsUUID()
  parentId: string;
}

export class MoveUnitDto {
  @ApiProperty({ format: 'uuid', description: '新的上级单位（高一级） / The new unit directly above, one level up' })
  @IsUUID()
  parentId: string;
}
