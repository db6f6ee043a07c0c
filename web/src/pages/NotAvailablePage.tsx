import { Card, Result } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The place of a capability that is not built yet: says what it will do, shows no invented data. */
export function NotAvailablePage({ feature }: { feature: string }) {
  const { t } = useTranslation();
  if (feature === 'notFound') {
    return (
      <Card>
        <Result status="404" title="404" subTitle={t('common.notFound')} extra={<Link to="/">{t('menu.home')}</Link>} />
      </Card>
    );
  }
  return (
    <Card>
      <Result
        icon={<ClockCircleOutlined style={{ color: '#8c8c8c' }} />}
        title={`${t(`menu.${feature}`)} · ${t('notAvailable.title')}`}
        subTitle={
          <div style={{ maxWidth: 640, margin: '0 auto' }}>
            <p style={{ color: '#333', fontSize: 15 }}>{t(`notAvailable.${feature}`, { defaultValue: '' })}</p>
            <p>{t('notAvailable.hint')}</p>
          </div>
        }
      />
    </Card>
  );
}
