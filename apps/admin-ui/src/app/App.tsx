import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { SignInPage } from '../auth/SignInPage';
import { SessionProvider, useSession } from '../auth/session';
import { ApiError } from '../api/client';
import { AppLayout } from './AppLayout';
import { HomePage } from './HomePage';
import { pageRoutes } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status > 0 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

function Gate() {
  const { t } = useTranslation();
  const { me, loading } = useSession();
  if (loading) return <Spin fullscreen tip={t('states.loading')} />;
  if (!me) return <SignInPage />;
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        {pageRoutes.map((route) => (
          <Route
            key={route.path}
            path={route.path}
            element={route.roles.includes(me.role) ? route.element : <Result status="403" title={t('states.forbidden')} />}
          />
        ))}
        <Route path="*" element={<Result status="404" title={t('states.notFound')} />} />
      </Route>
      <Route path="sign-in" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
  }, [english]);
  return (
    <ConfigProvider locale={english ? enUS : zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#c8102e', borderRadius: 4 } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <Gate />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
