import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CommandFormState } from './useCommandForm';

/**
 * "Your unsent draft was restored", with a "discard draft" action, shown only while a form's restored draft is
 * on screen. `onDiscard` runs after the form's own discard (to drop anything kept beside the draft).
 */
export function DraftNotice({ command, onDiscard }: {
  command: Pick<CommandFormState<never>, 'draftRestored' | 'discardDraft'>;
  onDiscard?: () => void;
}) {
  const { t } = useTranslation();
  if (!command.draftRestored) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('states.draftRestored')}
      action={
        <Button
          size="small"
          onClick={() => {
            command.discardDraft();
            onDiscard?.();
          }}
        >
          {t('actions.clearDraft')}
        </Button>
      }
    />
  );
}
