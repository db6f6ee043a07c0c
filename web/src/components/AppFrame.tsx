import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Tag, Tooltip, type MenuProps } from 'antd';
import {
  AuditOutlined, BankOutlined, CheckSquareOutlined, ClusterOutlined, FlagOutlined, GlobalOutlined, HomeOutlined,
  LineChartOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, SafetyOutlined, SettingOutlined, UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { NodeInfo } from '../api/types.ts';
import { useAuth, useUser } from '../auth/auth.tsx';
import { setLang } from '../i18n/index.ts';
import { activeEntry, menuFor, type MenuEntry } from '../lib/menu.ts';
import { Logo } from './Logo.tsx';

const ICONS: Record<string, ReactNode> = {
  home: <HomeOutlined />, monitoring: <LineChartOutlined />, network: <ClusterOutlined />, dualPrevention: <SafetyOutlined />,
  enforcement: <AuditOutlined />, campaign: <FlagOutlined />, compliance: <CheckSquareOutlined />, registry: <BankOutlined />, system: <SettingOutlined />,
};

function useNodeInfo() {
  // The node endpoint may be missing on older servers: the header then shows the product name only.
  return useQuery({ queryKey: ['node'], queryFn: () => api.get<NodeInfo>('/api/v1/node'), retry: false, staleTime: Infinity, meta: { quiet: true } });
}

export function AppFrame() {
  const { t } = useTranslation();
  const user = useUser();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const loc = useLocation();
  const navigate = useNavigate();
  const entries = useMemo(() => menuFor(user.role), [user.role]);
  const active = activeEntry(loc.pathname, entries);
  const [open, setOpen] = useState<string[]>(active.group ? [active.group.key] : []);

  useEffect(() => setDrawer(false), [loc.pathname]);
  useEffect(() => {
    if (active.group && !open.includes(active.group.key)) setOpen((o) => [...o, active.group!.key]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active.group?.key]);

  const toItem = (e: MenuEntry): NonNullable<MenuProps['items']>[number] => ({
    key: e.key,
    icon: e.icon ? ICONS[e.icon] : undefined,
    label: t(`menu.${e.key}`),
    children: e.children?.map(toItem),
  });
  const paths = new Map(entries.flatMap((e) => (e.children ?? [e]).map((l) => [l.key, l.path] as const)));

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={entries.map(toItem)}
      selectedKeys={active.leaf ? [active.leaf.key] : []}
      openKeys={collapsed && !mobile ? undefined : open}
      onOpenChange={(k) => setOpen(k as string[])}
      onClick={({ key }) => {
        const p = paths.get(key);
        if (p) navigate(p);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100%' }}>
      {!mobile && (
        <Layout.Sider className="ka-sider" width={220} collapsible collapsed={collapsed} trigger={null} style={{ background: '#001529' }}>
          <div className="ka-sider-brand">
            <span className="ka-brand">
              <Logo />
              {!collapsed && <span>{t('app.short')}</span>}
            </span>
          </div>
          {menu}
        </Layout.Sider>
      )}
      {mobile && (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
        >
          <div className="ka-sider-brand">
            <span className="ka-brand">
              <Logo />
              <span>{t('app.short')}</span>
            </span>
          </div>
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="ka-header">
          <Button
            type="text"
            aria-label={t('common.menu')}
            data-testid="menu-toggle"
            icon={mobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (mobile ? setDrawer(true) : setCollapsed((c) => !c))}
          />
          <NodeTitle mobile={mobile} />
          <div className="ka-header-spacer" />
          <HeaderRight mobile={mobile} />
        </Layout.Header>
        <Layout.Content className="ka-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function NodeTitle({ mobile }: { mobile: boolean }) {
  const { t } = useTranslation();
  const node = useNodeInfo();
  if (!node.data) return <span className="ka-node">{mobile ? t('app.short') : t('app.name')}</span>;
  return (
    <Space size={8} style={{ minWidth: 0, overflow: 'hidden' }} data-testid="node-title">
      <span className="ka-node">{node.data.name}</span>
      {!mobile && <Tag color="blue">{t(`level.${node.data.level}`, { defaultValue: node.data.level })}</Tag>}
    </Space>
  );
}

function HeaderRight({ mobile }: { mobile: boolean }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const en = i18n.language === 'en';
  const lang = (
    <Tooltip title={t('common.language')}>
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="lang-switch"
        onClick={() => setLang(en ? 'zh' : 'en')}
      >
        {en ? '中文' : 'EN'}
      </Button>
    </Tooltip>
  );
  const items: MenuProps['items'] = [
    { key: 'role', label: t(`role.${user.role}`), disabled: true },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('common.logout'), danger: true },
  ];
  return (
    <Space size={mobile ? 0 : 8}>
      {lang}
      <Dropdown
        menu={{
          items,
          onClick: async ({ key }) => {
            if (key !== 'logout') return;
            await logout();
            navigate('/login', { replace: true });
          },
        }}
        trigger={['click']}
      >
        <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
          {!mobile && (
            <span>
              {user.displayName ?? user.username}
              {user.displayName !== t(`role.${user.role}`) && (
                <span className="ka-muted" style={{ marginLeft: 6 }}>
                  {t(`role.${user.role}`)}
                </span>
              )}
            </span>
          )}
        </Button>
      </Dropdown>
    </Space>
  );
}
