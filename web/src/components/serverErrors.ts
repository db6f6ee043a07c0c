import type { FormInstance } from 'antd';
import i18n from '../i18n/index.ts';
import { ApiError } from '../api/client.ts';
import { problemsToFields } from '../lib/forms.ts';
import { showError } from './feedback.ts';

/**
 * Puts a server refusal on the form fields it names; whatever names no field of the form is shown
 * as a message. Returns true when it was a field-level refusal.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fieldNames: string[][]): boolean {
  if (!(err instanceof ApiError)) {
    showError(err);
    return false;
  }
  const known = new Set(fieldNames.map((n) => n.join('.')));
  const { fields, rest } = problemsToFields(err.fieldProblems, (n) => known.has(n.join('.')));
  if (fields.length) form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
  if (rest.length || !fields.length) showError(err);
  else showError(new Error(i18n.t('common.fieldErrors')));
  return fields.length > 0;
}
