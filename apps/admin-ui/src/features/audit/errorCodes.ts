import i18next from 'i18next';
import { auditErrorCodes } from './messages';

/**
 * The funds and audit problem codes are not (yet) in the shared errors bundle: merge them into its `codes`
 * without overwriting any the shared bundle has, so describeProblem finds them.
 */
function register() {
  i18next.addResourceBundle('zh-CN', 'errors', { codes: auditErrorCodes.zh }, true, false);
  i18next.addResourceBundle('en', 'errors', { codes: auditErrorCodes.en }, true, false);
}
if (i18next.isInitialized) register();
else i18next.on('initialized', register);
