import i18next from 'i18next';

/**
 * The aid and fund problem codes, in both languages. They belong in the shared `errors` bundle
 * (src/i18n/errors.ts, under codes.AID and codes.FUNDS); until they are there, this adds them to that namespace
 * without overwriting anything it already has, so every form and message that goes through describeProblem shows them.
 */
export const aidErrorCodes = {
  zh: {
    AID: {
      ALREADY_HELPED_IN_CAMPAIGN: '该家庭已在本轮项目中获得救助（每户限一次）',
      APPROVER_OUT_OF_SCOPE: '该申请不属于您所在单位的项目，不能审批',
      DATE_IN_FUTURE: '日期不能晚于今天',
      FILE_NOT_FOUND: '在您的单位中找不到该困难职工档案',
      FUND_NOT_OF_PROGRAMME: '所选资金账户不属于项目举办单位',
      GRANT_EXISTS: '该救助已存在',
      GRANT_NOT_FOUND: '救助记录不存在',
      HOUSEHOLD_CAP: '超出该户在本项目下的年度救助上限',
      IN_KIND_DESCRIPTION: '实物发放须填写实物内容；现金或转账发放不填',
      NOT_ELIGIBLE: '受助对象不符合本项目的救助条件',
      OWN_PROPOSAL: '不能审批本人提出的救助申请，请由其他主管审批',
      PAID_BEFORE_GRANTED: '发放日期不能早于批准日期',
      PROGRAMME_CLOSED: '该项目今天不受理申请（未开始、已截止或已结束）',
      PROGRAMME_DATES: '截止日期不能早于开始受理日期',
      PROGRAMME_ELIGIBILITY: '须录取时，救助对象须包括在册困难职工家庭',
      PROGRAMME_EXISTS: '该项目已存在',
      PROGRAMME_NOT_FOR_UNIT: '该项目不为受助人所在单位举办',
      PROGRAMME_NOT_FOUND: '救助项目不存在',
      STEP_OUT_OF_ORDER: '救助当前的状态不允许此操作，请刷新后查看',
    },
    FUNDS: {
      ALREADY_PAID: '该救助已发放',
      DATE_IN_FUTURE: '日期不能晚于今天',
      FUND_EXISTS: '该资金账户已存在',
      FUND_NOT_FOUND: '资金账户不存在',
      INSUFFICIENT: '资金账户可用余额不足',
      NOT_PAID: '该救助尚未发放',
      NO_RESERVATION: '该救助没有冻结的资金',
      PERIOD_REVERSED: '结束日期不能早于开始日期',
      TRANSFER_ACROSS_UNITS: '只能在同一单位的账户之间调拨',
      TRANSFER_TO_ITSELF: '不能调拨到同一账户',
      WRONG_SOURCE: '该资金账户的来源不接受此类收入',
    },
  },
  en: {
    AID: {
      ALREADY_HELPED_IN_CAMPAIGN: 'The household was already helped in this campaign (one grant per household)',
      APPROVER_OUT_OF_SCOPE: 'The proposal is not under a programme of your units; you cannot approve it',
      DATE_IN_FUTURE: 'The date cannot be after today',
      FILE_NOT_FOUND: 'No such hardship file in your units',
      FUND_NOT_OF_PROGRAMME: "The fund is not one of the programme's unit",
      GRANT_EXISTS: 'The grant exists already',
      GRANT_NOT_FOUND: 'No such grant',
      HOUSEHOLD_CAP: "More than the household's yearly cap under this programme",
      IN_KIND_DESCRIPTION: 'Aid in kind needs the goods described; cash and transfers do not',
      NOT_ELIGIBLE: 'The recipient is not eligible under this programme',
      OWN_PROPOSAL: 'Nobody approves their own proposal; another supervisor must approve it',
      PAID_BEFORE_GRANTED: 'The payment date cannot be before the grant',
      PROGRAMME_CLOSED: 'The programme takes no proposals today (not yet open, past its dates, or closed)',
      PROGRAMME_DATES: 'A programme closes after it opens',
      PROGRAMME_ELIGIBILITY: 'With an admission required, households on the register must be among the recipients',
      PROGRAMME_EXISTS: 'The programme exists already',
      PROGRAMME_NOT_FOR_UNIT: "The programme is not run for the recipient's unit",
      PROGRAMME_NOT_FOUND: 'No such aid programme',
      STEP_OUT_OF_ORDER: 'The grant’s status does not allow this; reload to see it',
    },
    FUNDS: {
      ALREADY_PAID: 'The grant is paid already',
      DATE_IN_FUTURE: 'The date cannot be after today',
      FUND_EXISTS: 'The fund exists already',
      FUND_NOT_FOUND: 'No such fund',
      INSUFFICIENT: 'The fund does not have enough available',
      NOT_PAID: 'The grant is not paid yet',
      NO_RESERVATION: 'Nothing is reserved for this grant',
      PERIOD_REVERSED: 'The end date cannot be before the start date',
      TRANSFER_ACROSS_UNITS: 'Money moves only between funds of one unit',
      TRANSFER_TO_ITSELF: 'A fund cannot transfer to itself',
      WRONG_SOURCE: 'This fund’s source does not take this kind of money',
    },
  },
};

let added = false;
export function addAidErrorCodes() {
  if (added) return;
  added = true;
  // deep = true merges into errors.codes; overwrite = false keeps whatever the shared bundle already says.
  i18next.addResourceBundle('zh-CN', 'errors', { codes: aidErrorCodes.zh }, true, false);
  i18next.addResourceBundle('en', 'errors', { codes: aidErrorCodes.en }, true, false);
}
