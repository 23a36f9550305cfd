import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '#http';

export class ReasonDto {
  @ApiProperty({ example: '重复申请', description: '理由（不得填写个人信息，审计可见） / The reason, shown to auditors (no personal data)' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(500)
  reason: string;
}
