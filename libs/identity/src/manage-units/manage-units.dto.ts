import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '#http';
import { UNIT_LEVELS, type UnitLevel } from '../identity.vocabulary.js';

export class RenameUnitDto {
  @ApiProperty({ example: '城关街道总工会' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

/** A new unit: its name as for a rename, its level, and the unit directly above it. */
export class CreateUnitDto extends RenameUnitDto {
  @ApiProperty({ enum: UNIT_LEVELS })
  @IsIn(UNIT_LEVELS)
  level: UnitLevel;

  @ApiProperty({ format: 'uuid', description: 'The unit directly above, one level up' })
  @IsUUID()
  parentId: string;
}

export class MoveUnitDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  parentId: string;
}
