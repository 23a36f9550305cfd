import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from './format';

/** Asks before anything that moves money; resolves true only on an explicit confirmation. */
export function useConfirmMoney() {
  const { modal } = App.useApp();
  const { t, i18n } = useTranslation();
  return useCallback(
    (amountFen: number, detail?: string) =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('confirmMoney.title'),
          content: (
            <div data-testid="confirm-money">
              <p>{t('confirmMoney.body', { amount: formatMoney(amountFen, i18n.language) })}</p>
              {detail && <p>{detail}</p>}
            </div>
          ),
          okText: t('actions.confirm'),
          cancelText: t('actions.cancel'),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      }),
    [modal, t, i18n.language],
  );
}
