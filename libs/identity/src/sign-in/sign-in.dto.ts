import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '#http';
import { PASSWORD_MAX_LENGTH } from '../identity.vocabulary.js';

export class SignInDto {
  @ApiProperty({ example: 'li.caseworker', description: '用户名 / Username' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ format: 'password', description: '密码 / Password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
