import type { MessageInstance } from 'antd/es/message/interface';
import type { HookAPI as ModalApi } from 'antd/es/modal/useModal';
import i18n from '../i18n/index.ts';
import { ApiError } from '../api/client.ts';

// antd's message API lives in React context; the bridge in main.tsx hands it here so that
// non-component code (query caches) can report errors too.
let messageApi: MessageInstance | null = null;
let modalApi: ModalApi | null = null;
export function setFeedbackApis(m: MessageInstance, d: ModalApi) {
  messageApi = m;
  modalApi = d;
}

/** Optimistic-concurrency refusal (409): someone else saved first; offer to reload. */
export function showConflict(detail: string, onReload: () => void | Promise<void>) {
  modalApi?.warning({ title: i18n.t('common.conflict'), content: detail, okText: i18n.t('common.reload'), onOk: onReload });
}

/** Shows an error the way the operator needs to read it: the server's own message when there is one. */
export function showError(err: unknown) {
  if (err instanceof ApiError && err.status === 401) return; // the login page takes over
  const text = err instanceof ApiError ? err.message : err instanceof Error ? err.message : String(err);
  messageApi?.error(text || i18n.t('common.failed'), 5);
}

export function showSuccess(text: string) {
  messageApi?.success(text);
}
