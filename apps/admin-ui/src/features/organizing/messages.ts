import { bundle } from '../../i18n/bundle';

export const organizing = bundle({}, {});
