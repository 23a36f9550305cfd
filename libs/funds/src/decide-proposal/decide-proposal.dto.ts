import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '#http';

export class RejectAidDto {
  @ApiProperty({ example: '家庭收入已超过低保标准', description: '不予批准的理由（不得填写个人信息） / Why the proposal is declined (no personal data)' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(500)
  reason: string;
}
