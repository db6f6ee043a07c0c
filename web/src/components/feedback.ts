import type { MessageInstance } from 'antd/es/message/interface';
import i18n from '../i18n/index.ts';
import { ApiError } from '../api/client.ts';

// antd's message API lives in React context; the bridge in main.tsx hands it here so that
// non-component code (query caches) can report errors too.
let messageApi: MessageInstance | null = null;
export function setMessageApi(m: MessageInstance) {
  messageApi = m;
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
