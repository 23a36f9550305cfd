import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { VISIT_OCCASIONS, type VisitOccasion } from '../casework.vocabulary.js';
import { NotesDto } from '../hardship-files/file-command.http.js';
import { IsCalendarDate } from '../validators.js';

export class RecordVisitDto extends NotesDto {
  @ApiProperty({
    enum: VISIT_OCCASIONS,
    example: 'hospitalized',
    description:
      '走访事由（五必访）：生病住院 hospitalized、家有丧事 bereavement、生活困难 family_hardship、意外灾害 accident_disaster、家庭矛盾或思想波动 family_conflict；节日慰问 festival、复核入户 review、其他 other / Occasion of the visit',
  })
  @IsIn(VISIT_OCCASIONS)
  occasion: VisitOccasion;

  @ApiProperty({ example: '2026-06-02', description: '走访日期 / Date of the visit' })
  @IsCalendarDate()
  visitedOn: string;

  @ApiProperty({ type: [String], example: ['王芳', '李娜'], description: '走访人员（工会干部） / Who visited (union cadres)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value))
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(50, { each: true })
  visitors: string[];
}
