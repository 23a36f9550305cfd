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
  @ApiProperty({ description: '用户名：字母、数字及 . _ -，不区分大小写 / Username: letters, digits and . _ -; case is ignored', example: 'li.caseworker' })
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'must be 3-64 letters, digits or . _ -' })
  username: string;

  @ApiProperty({ example: '李娜', description: '显示名称（姓名） / Display name' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: ROLES, description: '角色：个案工作人员、主管、审计、管理员 / Role: caseworker, supervisor, auditor, admin' })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ format: 'uuid', description: '所属单位，可查看本单位及下级单位 / The federation unit the user works in; they see it and the units below it' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, description: '初始密码，用户应尽快修改 / An initial password the user should change' })
  @PasswordRules()
  password: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES, description: '新角色 / The new role' })
  @IsIn(ROLES)
  role: Role;
}

export class MoveAccountDto {
  @ApiProperty({ format: 'uuid', description: '新的所属单位 / The unit the user now works in' })
  @IsUUID()
  unitId: string;
}

export class DisableAccountDto {
  @ApiProperty({ example: '调离工会岗位', description: '停用原因 / Why the account is disabled' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, description: '新密码 / The new password' })
  @PasswordRules()
  newPassword: string;
}

export class ChangeOwnPasswordDto {
  @ApiProperty({ format: 'password', description: '当前密码 / Your current password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, description: '新密码 / The new password' })
  @PasswordRules()
  newPassword: string;
}
