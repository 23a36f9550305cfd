import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, Trim, type Role } from '#http';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../identity.vocabulary.js';

const PasswordRules = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })(target, key);
  MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` })(target, key);
};

export class CreateAccountDto {
  @ApiProperty({ description: 'Letters, digits and . _ -; case is ignored', example: 'li.caseworker' })
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'must be 3-64 letters, digits or . _ -' })
  username: string;

  @ApiProperty({ example: '李娜' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ format: 'uuid', description: 'The federation unit the user works in; they see it and the units below it' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, description: 'An initial password the user should change' })
  @PasswordRules()
  password: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class MoveAccountDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId: string;
}

export class DisableAccountDto {
  @ApiProperty({ example: '调离工会岗位' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @PasswordRules()
  newPassword: string;
}

export class ChangeOwnPasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @PasswordRules()
  newPassword: string;
}
