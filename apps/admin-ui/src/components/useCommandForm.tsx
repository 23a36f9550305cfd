import { Alert, App, type FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { describeProblem, fieldProblems, translateReason } from '../api/problem';
import { clearDraft, loadDraft, saveDraft } from './drafts';

export interface CommandFormOptions<Values, Result> {
  form: FormInstance<Values>;
  /** Where the half-filled form is kept across reloads; leave out for forms not worth keeping. */
  draftKey?: string;
  /** Sends the command; throw the ApiError to have its problems shown. */
  submit: (values: Values) => Promise<Result>;
  onSuccess?: (result: Result, values: Values) => void;
  /** The API's field name to the form's field path, where they differ (amountFen → amountYuan). */
  fieldMap?: Record<string, (string | number)[]>;
  /** Shown as a toast after success; defaults to "saved". */
  successMessage?: string | false;
  /** Keep the values after success (a search form); otherwise the form is reset and the draft dropped. */
  keepValues?: boolean;
}

export interface CommandFormState<Values> {
  onFinish: (values: Values) => Promise<void>;
  onValuesChange: (changed: unknown, all: Values) => void;
  submitting: boolean;
  /** The problems that belong to no field of the form: put this above the buttons. */
  formError: ReactNode;
  discardDraft: () => void;
  draftRestored: boolean;
}

const toPath = (field: string): (string | number)[] =>
  field.split('.').flatMap((part) => {
    const match = part.match(/^([^[]+)((?:\[\d+\])*)$/);
    if (!match) return [part];
    const indexes = [...match[2].matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    return [match[1], ...indexes];
  });

const samePath = (a: (string | number)[], b: (string | number)[]) => a.length === b.length && a.every((part, i) => String(part) === String(b[i]));

/**
 * A form that sends one command: it keeps its draft across reloads, shows the server's field problems
 * beside their fields (translated) and the rest above the buttons, and never sends twice at once.
 */
export function useCommandForm<Values, Result = unknown>(options: CommandFormOptions<Values, Result>): CommandFormState<Values> {
  const { form, draftKey, submit, onSuccess, fieldMap, successMessage, keepValues } = options;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ text: string; details: string[] } | null>(null);
  const [draftRestored, setDraftRestored] = useState(false);
  const busy = useRef(false);

  useEffect(() => {
    if (!draftKey) return;
    const draft = loadDraft<Values>(draftKey);
    if (draft && typeof draft === 'object' && Object.keys(draft).length) {
      form.setFieldsValue(draft as never);
      setDraftRestored(true);
    }
  }, [draftKey, form]);

  const onValuesChange = useCallback(
    (_changed: unknown, all: Values) => {
      if (draftKey) saveDraft(draftKey, all);
    },
    [draftKey],
  );

  const discardDraft = useCallback(() => {
    if (draftKey) clearDraft(draftKey);
    form.resetFields();
    setDraftRestored(false);
    setError(null);
  }, [draftKey, form]);

  const onFinish = useCallback(
    async (values: Values) => {
      if (busy.current) return;
      busy.current = true;
      setSubmitting(true);
      setError(null);
      try {
        const result = await submit(values);
        if (successMessage !== false) void message.success(successMessage ?? t('states.saved'));
        if (!keepValues) {
          if (draftKey) clearDraft(draftKey);
          form.resetFields();
          setDraftRestored(false);
        }
        onSuccess?.(result, values);
      } catch (caught) {
        const known = form.getFieldsError().map((entry) => entry.name);
        const unplaced: string[] = [];
        const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
        for (const problem of fieldProblems(caught)) {
          const path = fieldMap?.[problem.field!] ?? toPath(problem.field!);
          const registered = known.find((name) => samePath(name, path));
          const text = translateReason(problem, t);
          if (registered) {
            const key = JSON.stringify(registered);
            const entry = byField.get(key) ?? { name: registered, errors: [] };
            entry.errors.push(text);
            byField.set(key, entry);
          } else {
            unplaced.push(`${problem.field}: ${text}`);
          }
        }
        form.setFields([...byField.values()] as never);
        if (!(caught instanceof ApiError) || !byField.size || unplaced.length || caught.problem.code !== 'VALIDATION_FAILED') {
          setError({ text: describeProblem(caught, t), details: unplaced });
        }
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    },
    [submit, successMessage, message, t, keepValues, draftKey, form, onSuccess, fieldMap],
  );

  const formError = error ? (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={error.text}
      description={error.details.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{error.details.map((d) => <li key={d}>{d}</li>)}</ul> : undefined}
    />
  ) : null;

  return { onFinish, onValuesChange, submitting, formError, discardDraft, draftRestored };
}
