import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import './i18n/index.ts';
import './styles.css';
import { ApiError } from './api/client.ts';
import { AuthProvider } from './auth/auth.tsx';
import { setFeedbackApis, showError } from './components/feedback.ts';
import { AppRoutes } from './routes.tsx';

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (err) => (err instanceof ApiError && err.status === 404 ? undefined : showError(err)) }),
  // Mutations report their own errors where a form needs the details; the rest surface here.
  mutationCache: new MutationCache({ onError: (err, _v, _c, m) => (m.options.meta?.quiet ? undefined : showError(err)) }),
  defaultOptions: {
    queries: { retry: (n, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && n < 2, staleTime: 15_000, refetchOnWindowFocus: false },
  },
});

function MessageBridge() {
  const { message, modal } = AntApp.useApp();
  useEffect(() => setFeedbackApis(message, modal), [message, modal]);
  return null;
}

function Root() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  useEffect(() => void dayjs.locale(zh ? 'zh-cn' : 'en'), [zh]);
  return (
    <ConfigProvider
      locale={zh ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#0b5fa5', borderRadius: 6, fontFamily: '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif' } }}
    >
      <AntApp>
        <MessageBridge />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
