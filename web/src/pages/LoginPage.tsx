import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth.tsx';
import { Logo } from '../components/Logo.tsx';
import { setLang } from '../i18n/index.ts';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const loc = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (loc.state as { from?: string } | null)?.from ?? '/';
  if (user) return <Navigate to={from} replace />;

  async function submit(v: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(from, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.wrong'));
      else if (err instanceof ApiError && err.status === 429) setError(t('login.tooMany'));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const en = i18n.language === 'en';
  return (
    <div className="ka-login">
      <Card className="ka-login-card" variant="borderless">
        <div className="ka-login-title">
          <Logo size={44} />
          <h1>{t('app.name')}</h1>
          <p>{t('login.title')}</p>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="username" rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}>
            <Input prefix={<UserOutlined />} placeholder={t('login.username')} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
            <Input.Password prefix={<LockOutlined />} placeholder={t('login.password')} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16, fontSize: 12 }} className="ka-muted">
          <span>{t('login.footer')}</span>
          <span style={{ whiteSpace: 'nowrap', marginLeft: 8 }}>
            <Link to="/public/listed" data-testid="login-public">
              {t('login.publicInfo')}
            </Link>
            {' · '}
            <a onClick={() => setLang(en ? 'zh' : 'en')}>{en ? '中文' : 'English'}</a>
          </span>
        </div>
      </Card>
    </div>
  );
}
