import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import '../i18n/supervision.ts';

/** A list that could not be loaded: the server's message and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const msg = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="load-error"
      title={t('sup.loadFailed', { msg })}
      action={
        <Button size="small" onClick={onRetry}>
          {t('sup.retry')}
        </Button>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
