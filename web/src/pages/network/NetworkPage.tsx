import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Grid, Input, Modal, Popconfirm, Progress, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { EnterpriseSelect } from '../../components/EnterpriseSelect.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect, useRegionName } from '../../components/RegionSelect.tsx';
import { ShanxiMap, type MapPoint } from '../../components/charts/ShanxiMap.tsx';
import { loadBasemap, regionCentre } from '../../components/charts/basemap.ts';
import { formatNumber, formatTime } from '../../lib/format.ts';
import { monKeys, useNodes } from '../monitoring/api.ts';
import type { NetworkNode } from '../monitoring/model.ts';
import '../monitoring/monitoring.css';

type TreeNode = NetworkNode & { children?: TreeNode[] };

/** Nodes under the one that registered them: a county's enterprises under the county. */
export function nodeTree(nodes: NetworkNode[]): TreeNode[] {
  const byRef = new Map<string, TreeNode>();
  const out: TreeNode[] = nodes.map((n) => ({ ...n }));
  for (const n of out) {
    byRef.set(n.id, n);
    if (n.remoteId) byRef.set(n.remoteId, n);
  }
  const roots: TreeNode[] = [];
  for (const n of out) {
    const parent = byRef.get(n.parent);
    if (parent && parent !== n) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  return roots;
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(v < 0.001 && v > 0 ? 3 : 1)}%`);

function duration(sec: number): string {
  if (sec < 60) return `${Math.round(sec)} s`;
  if (sec < 3600) return `${Math.round(sec / 60)} min`;
  if (sec < 86_400) return `${(sec / 3600).toFixed(1)} h`;
  return `${(sec / 86_400).toFixed(1)} d`;
}

const OFFICER_LEVEL: Record<string, ('city' | 'county' | 'enterprise')[]> = {
  admin: ['city', 'county', 'enterprise'],
  province_officer: ['city', 'county', 'enterprise'],
  city_officer: ['county', 'enterprise'],
  county_officer: ['enterprise'],
};

export default function NetworkPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const nodes = useNodes();
  const regionName = useRegionName();
  const [mapReady, setMapReady] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [form] = Form.useForm<{ level: 'city' | 'county' | 'enterprise'; region?: string; enterprise?: string; name?: string }>();
  const level = Form.useWatch('level', form);
  const levels = OFFICER_LEVEL[user.role] ?? [];

  useEffect(() => void loadBasemap().then(() => setMapReady(true)), []);

  const register = useMutation({
    mutationFn: (v: { level: string; region?: string; enterprise?: string; name?: string }) => api.post<{ id: string; token: string; name: string }>('/api/v1/network/nodes', v),
    onSuccess: (r) => {
      setRegistering(false);
      setIssued({ name: r.name, token: r.token });
      void qc.invalidateQueries({ queryKey: monKeys.nodes });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/network/nodes/${id}/revoke`),
    onSuccess: () => {
      message.success(t('net.revokedOk'));
      void qc.invalidateQueries({ queryKey: monKeys.nodes });
    },
  });

  const tree = useMemo(() => nodeTree(nodes.data ?? []), [nodes.data]);
  const points = useMemo<MapPoint[]>(() => {
    if (!mapReady) return [];
    return (nodes.data ?? []).flatMap((n, i) => {
      const c = regionCentre(n.region);
      if (!c) return [];
      // Nodes of one city share its centre: spread them a little so each can be picked.
      const k = n.level === 'city' ? 0 : 0.12 + (i % 5) * 0.04;
      const a = i * 2.4;
      return [
        {
          id: n.id,
          name: n.name,
          lng: c[0] + k * Math.cos(a),
          lat: c[1] + k * Math.sin(a),
          color: n.revoked ? '#d9d9d9' : n.online ? '#52c41a' : '#f5222d',
          size: n.level === 'city' ? 16 : n.level === 'county' ? 12 : 9,
          pulse: !n.online && !n.revoked,
          tooltip: `${n.name}<br/>${n.online ? t('net.isOnline') : t('net.isOffline')} · ${t('net.dropout')} ${pct(n.dropoutRate)} · ${t('net.completeness')} ${pct(n.completeness)}`,
        },
      ];
    });
  }, [mapReady, nodes.data, t]);

  const columns: TableColumnsType<TreeNode> = [
    { title: t('net.name'), dataIndex: 'name', render: (v, n) => <span data-testid={`node-${n.id}`}>{v}</span> },
    { title: t('net.level'), dataIndex: 'level', width: 90, render: (v: string) => t(`level.${v}`, { defaultValue: v }) },
    { title: t('net.region'), dataIndex: 'region', responsive: ['lg'], render: (v: string) => regionName(v) },
    {
      title: t('net.online'),
      key: 'online',
      width: 90,
      render: (_, n) => (n.revoked ? <Tag>{t('net.revoked')}</Tag> : n.online ? <Tag color="green">{t('net.isOnline')}</Tag> : <Tag color="red">{t('net.isOffline')}</Tag>),
    },
    { title: t('net.lastSeen'), dataIndex: 'lastSeen', width: 140, render: (v: number | null) => formatTime(v) },
    { title: t('net.backlog'), key: 'backlog', width: 110, render: (_, n) => (n.backlog ? `${formatNumber(n.backlog)} · ${duration(n.backlogAgeSec)}` : '0') },
    { title: t('net.dropout'), dataIndex: 'dropoutRate', width: 90, render: (v: number | null) => <span style={{ color: v && v > 0.05 ? '#cf1322' : undefined }}>{pct(v)}</span> },
    {
      title: t('net.completeness'),
      dataIndex: 'completeness',
      width: 130,
      render: (v: number | null) => (v === null ? '—' : <Progress percent={Math.round(v * 1000) / 10} size="small" status={v < 0.95 ? 'exception' : 'normal'} format={(p) => `${p}%`} />),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, n) =>
        n.registeredHere && !n.revoked && levels.length > 0 ? (
          <Popconfirm title={t('net.revokeConfirm', { name: n.name })} onConfirm={() => revoke.mutate(n.id)}>
            <Button size="small" danger>
              {t('net.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <div data-testid="network-page">
      <PageTitle
        title={t('net.title')}
        extra={
          levels.length > 0 && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => (form.resetFields(), setRegistering(true))} data-testid="register-node">
              {t('net.register')}
            </Button>
          )
        }
      />
      <div className="ka-muted" style={{ marginBottom: 8 }}>
        {t('net.period')}
      </div>
      <div className="ka-network-grid">
        <Card size="small" title={t('net.tree')} styles={{ body: { padding: 0 } }}>
          <Table
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={tree}
            loading={nodes.isLoading}
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
            scroll={{ x: 860 }}
            locale={{ emptyText: t('net.none') }}
          />
        </Card>
        <Card size="small" title={t('net.map')}>
          <ShanxiMap points={points} style={{ height: screens.md ? 520 : 400 }} />
        </Card>
      </div>
      <Modal open={registering} title={t('net.register')} onCancel={() => setRegistering(false)} onOk={() => form.submit()} confirmLoading={register.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ level: levels[0] }} onFinish={(v) => register.mutate(v)}>
          <Form.Item name="level" label={t('net.level')} rules={[{ required: true }]}>
            <Select options={levels.map((l) => ({ value: l, label: t(`net.levels.${l}`) }))} />
          </Form.Item>
          {level === 'enterprise' ? (
            <Form.Item name="enterprise" label={t('net.enterprise')} rules={[{ required: true }]}>
              <EnterpriseSelect />
            </Form.Item>
          ) : (
            <Form.Item name="region" label={t('net.region')} rules={[{ required: true }]}>
              <RegionSelect />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('net.nodeName')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!issued} title={`${t('net.token')} · ${issued?.name ?? ''}`} onCancel={() => setIssued(null)} footer={<Button onClick={() => setIssued(null)}>{t('common.back')}</Button>} maskClosable={false}>
        <Alert type="warning" showIcon message={t('net.tokenOnce')} style={{ marginBottom: 12 }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={issued?.token} data-testid="node-token" style={{ fontFamily: 'monospace' }} />
          <Button
            icon={<CopyOutlined />}
            onClick={() => {
              void navigator.clipboard?.writeText(issued?.token ?? '').then(() => message.success(t('net.copied')), () => undefined);
            }}
          >
            {t('net.copy')}
          </Button>
        </Space.Compact>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
          KUANGAN_NODE_TOKEN
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
