import { Button, Flex, Form, Modal, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DraftNotice } from '../../components/DraftNotice';
import { useCommandForm } from '../../components/useCommandForm';

/**
 * One command in a dialog: antd Form + useCommandForm (draft, server problems beside the fields and above the
 * buttons). Mount it only while open (`{open && <CommandModal …/>}`) so its form is always connected.
 */
export function CommandModal<Values, Result = unknown>({
  title,
  onClose,
  submit,
  onSuccess,
  draftKey,
  okText,
  initialValues,
  fieldMap,
  children,
  testId,
  width,
  note,
  onValuesChange: onChange,
}: {
  title: string;
  onClose: () => void;
  submit: (values: Values) => Promise<Result>;
  onSuccess?: (result: Result, values: Values) => void;
  draftKey?: string;
  okText?: string;
  initialValues?: Partial<Values>;
  fieldMap?: Record<string, (string | number)[]>;
  children: (form: FormInstance<Values>) => ReactNode;
  testId?: string;
  width?: number;
  note?: ReactNode;
  onValuesChange?: (changed: Partial<Values>, all: Values, form: FormInstance<Values>) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const command = useCommandForm<Values, Result>({
    form,
    draftKey,
    submit,
    fieldMap,
    onSuccess: (result, values) => {
      onSuccess?.(result, values);
      onClose();
    },
  });
  return (
    <Modal open title={title} onCancel={onClose} footer={null} width={width ?? 560} destroyOnHidden maskClosable={false} data-testid={testId}>
      <DraftNotice command={command} />
      <Form<Values>
        form={form}
        name={testId ?? 'command'}
        layout="vertical"
        initialValues={initialValues}
        onFinish={command.onFinish}
        onValuesChange={(changed, all) => {
          command.onValuesChange(changed, all);
          onChange?.(changed as Partial<Values>, all, form);
        }}
        aria-label={title}
        scrollToFirstError
      >
        {children(form)}
        {note && <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>}
        {command.formError}
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={command.submitting}>
            {okText ?? t('actions.submit')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
