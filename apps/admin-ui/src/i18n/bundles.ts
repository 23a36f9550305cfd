import type { MessageBundle } from './bundle';
import { common } from './common';
import { errors } from './errors';
import { organizing } from '../features/organizing/messages';
import { bargaining } from '../features/bargaining/messages';
import { casework } from '../features/casework/messages';
import { employment } from '../features/employment/messages';
import { funds } from '../features/funds/messages';
import { dashboard } from '../features/dashboard/messages';
import { audit } from '../features/audit/messages';
import { admin } from '../features/admin/messages';

/** One namespace per feature folder; each folder owns its Chinese and English texts side by side. */
export const messageBundles: Record<string, MessageBundle> = {
  common,
  errors,
  organizing,
  bargaining,
  casework,
  employment,
  funds,
  dashboard,
  audit,
  admin,
};
