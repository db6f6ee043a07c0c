import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Spin } from 'antd';
import { useAuth } from './auth/auth.tsx';
import { AppFrame } from './components/AppFrame.tsx';
import { leaves } from './lib/menu.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotAvailablePage } from './pages/NotAvailablePage.tsx';
import './pages/monitoring/register.ts';
import './pages/compliance/register.ts';
import './pages/enforcement/register.ts';

// Pages load on demand so the login page stays small; the dashboard pulls in echarts.
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const EnterpriseListPage = lazy(() => import('./pages/enterprise/EnterpriseListPage.tsx'));
const EnterpriseDetailPage = lazy(() => import('./pages/enterprise/EnterpriseDetailPage.tsx'));
const SiteListPage = lazy(() => import('./pages/site/SiteListPage.tsx'));
const SiteDetailPage = lazy(() => import('./pages/site/SiteDetailPage.tsx'));
const RegionsPage = lazy(() => import('./pages/RegionsPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));
const MonitoringOverviewPage = lazy(() => import('./pages/monitoring/OverviewPage.tsx'));
const AlarmsPage = lazy(() => import('./pages/monitoring/AlarmsPage.tsx'));
const MonitoringSettingsPage = lazy(() => import('./pages/monitoring/SettingsPage.tsx'));
const NetworkPage = lazy(() => import('./pages/network/NetworkPage.tsx'));
const RisksPage = lazy(() => import('./pages/dualprev/RisksPage.tsx'));
const HazardsPage = lazy(() => import('./pages/dualprev/HazardsPage.tsx'));
const CompliancePage = lazy(() => import('./pages/compliance/CompliancePage.tsx'));
const CampaignLedgerPage = lazy(() => import('./pages/campaign/LedgerPage.tsx'));
const KeyProblemsPage = lazy(() => import('./pages/campaign/KeyProblemsPage.tsx'));
const PublicListedPage = lazy(() => import('./pages/campaign/PublicListedPage.tsx'));
const RiskCardPage = lazy(() => import('./pages/public/RiskCardPage.tsx'));
const InspectionsPage = lazy(() => import('./pages/enforcement/InspectionsPage.tsx'));
const InspectionFormPage = lazy(() => import('./pages/enforcement/InspectionFormPage.tsx'));
const LicencesPage = lazy(() => import('./pages/enforcement/LicencesPage.tsx'));
const PenaltiesPage = lazy(() => import('./pages/enforcement/PenaltiesPage.tsx'));
const CasesPage = lazy(() => import('./pages/enforcement/CasesPage.tsx'));
const ScoresPage = lazy(() => import('./pages/enforcement/ScoresPage.tsx'));
const ResponsibilityPage = lazy(() => import('./pages/enforcement/ResponsibilityPage.tsx'));
const ClassesPage = lazy(() => import('./pages/enforcement/ClassesPage.tsx'));
const PlansPage = lazy(() => import('./pages/enforcement/PlansPage.tsx'));
const ChangeRequestsPage = lazy(() => import('./pages/monitoring/ChangeRequestsPage.tsx'));

export function PageSpin() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, checking } = useAuth();
  const loc = useLocation();
  if (checking) return <PageSpin />;
  if (!user) return <Navigate to="/login" replace state={{ from: loc.pathname + loc.search }} />;
  return <>{children}</>;
}

export function AppRoutes() {
  const pending = leaves().filter((e) => !e.ready && e.path);
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* 公开信息: no login. */}
      <Route path="/public/listed" element={<Lazy><PublicListedPage /></Lazy>} />
      {/* The QR code of a printed post risk card (岗位安全风险告知卡) opens this. */}
      <Route path="/public/risk-card/:id" element={<Lazy><RiskCardPage /></Lazy>} />
      <Route
        element={
          <RequireAuth>
            <AppFrame />
          </RequireAuth>
        }
      >
        <Route index element={<Lazy><HomePage /></Lazy>} />
        <Route path="enterprises" element={<Lazy><EnterpriseListPage /></Lazy>} />
        <Route path="enterprises/:id" element={<Lazy><EnterpriseDetailPage /></Lazy>} />
        <Route path="sites" element={<Lazy><SiteListPage /></Lazy>} />
        <Route path="sites/:idOrCode" element={<Lazy><SiteDetailPage /></Lazy>} />
        <Route path="regions" element={<Lazy><RegionsPage /></Lazy>} />
        <Route path="import" element={<Lazy><ImportPage /></Lazy>} />
        <Route path="users" element={<Lazy><UsersPage /></Lazy>} />
        <Route path="monitoring/overview" element={<Lazy><MonitoringOverviewPage /></Lazy>} />
        <Route path="monitoring/alarms" element={<Lazy><AlarmsPage /></Lazy>} />
        <Route path="monitoring/settings" element={<Lazy><MonitoringSettingsPage /></Lazy>} />
        <Route path="monitoring/change-requests" element={<Lazy><ChangeRequestsPage /></Lazy>} />
        <Route path="network" element={<Lazy><NetworkPage /></Lazy>} />
        <Route path="risks" element={<Lazy><RisksPage /></Lazy>} />
        <Route path="hazards" element={<Lazy><HazardsPage /></Lazy>} />
        <Route path="compliance" element={<Lazy><CompliancePage /></Lazy>} />
        <Route path="campaign/ledger" element={<Lazy><CampaignLedgerPage /></Lazy>} />
        <Route path="campaign/key-problems" element={<Lazy><KeyProblemsPage /></Lazy>} />
        <Route path="enforcement/inspections" element={<Lazy><InspectionsPage /></Lazy>} />
        <Route path="enforcement/inspections/new" element={<Lazy><InspectionFormPage /></Lazy>} />
        <Route path="enforcement/inspections/:id" element={<Lazy><InspectionFormPage /></Lazy>} />
        <Route path="enforcement/licences" element={<Lazy><LicencesPage /></Lazy>} />
        <Route path="enforcement/violations" element={<Lazy><PenaltiesPage /></Lazy>} />
        <Route path="enforcement/illegal-mining" element={<Lazy><CasesPage /></Lazy>} />
        <Route path="enforcement/scores" element={<Lazy><ScoresPage /></Lazy>} />
        <Route path="enforcement/responsibility" element={<Lazy><ResponsibilityPage /></Lazy>} />
        <Route path="enforcement/classes" element={<Lazy><ClassesPage /></Lazy>} />
        <Route path="enforcement/plans" element={<Lazy><PlansPage /></Lazy>} />
        {pending.map((e) => (
          <Route key={e.key} path={e.path!.slice(1)} element={<NotAvailablePage feature={e.key} />} />
        ))}
        <Route path="*" element={<NotAvailablePage feature="notFound" />} />
      </Route>
    </Routes>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpin />}>{children}</Suspense>;
}
