import { bundle } from './bundle';

/**
 * The API's problem codes (DomainError codes, stable and documented) in both languages. Codes are nested by
 * their prefix: `AID.HOUSEHOLD_CAP` is `codes.AID.HOUSEHOLD_CAP`. A code missing here falls back to the
 * API's own English title.
 */
export const errors = bundle(
  {
    generic: {
      title: '操作未成功',
      network: '无法连接服务器，请检查网络后重试',
      server: '服务器出错，请稍后重试',
      forbidden: '当前角色无权执行此操作',
      notFound: '记录不存在',
      conflict: '记录已被他人修改，请刷新后重试',
      tooMany: '尝试次数过多，请稍后再试',
      invalid: '请检查标红的字段',
    },
    reasons: {
      required: '必填',
      notEmpty: '不能为空',
      oneOf: '必须是以下之一：{{values}}',
      min: '不能小于 {{min}}',
      max: '不能大于 {{max}}',
      integer: '必须是整数',
      number: '必须是数字',
      uuid: '请选择有效的记录',
      date: '必须是有效日期',
      maxLength: '不能超过 {{max}} 个字符',
      minLength: '至少 {{min}} 个字符',
      unknownField: '不是可接受的字段',
    },
    codes: {
      VALIDATION_FAILED: '请检查标红的字段',
      TOO_MANY_ATTEMPTS: '尝试次数过多，请一分钟后再试',
      PRECONDITION_FAILED: '记录已被他人修改，请刷新后重试',
      IDENTITY: {
        SIGN_IN_FAILED: '用户名或密码错误',
        NOT_SIGNED_IN: '请先登录',
      },
    },
  },
  {
    generic: {
      title: 'That did not go through',
      network: 'Cannot reach the server; check the network and try again',
      server: 'The server failed; try again later',
      forbidden: 'Your role may not do this',
      notFound: 'No such record',
      conflict: 'Someone else changed this record; reload and try again',
      tooMany: 'Too many attempts; wait and try again',
      invalid: 'Check the fields marked in red',
    },
    reasons: {
      required: 'is required',
      notEmpty: 'must not be empty',
      oneOf: 'must be one of: {{values}}',
      min: 'must not be less than {{min}}',
      max: 'must not be more than {{max}}',
      integer: 'must be a whole number',
      number: 'must be a number',
      uuid: 'choose a valid record',
      date: 'must be a valid date',
      maxLength: 'must be at most {{max}} characters',
      minLength: 'must be at least {{min}} characters',
      unknownField: 'is not an accepted field',
    },
    codes: {
      VALIDATION_FAILED: 'Check the fields marked in red',
      TOO_MANY_ATTEMPTS: 'Too many attempts; wait a minute and try again',
      PRECONDITION_FAILED: 'Someone else changed this record; reload and try again',
      IDENTITY: {
        SIGN_IN_FAILED: 'Wrong username or password',
        NOT_SIGNED_IN: 'Sign in first',
      },
    },
  },
);
