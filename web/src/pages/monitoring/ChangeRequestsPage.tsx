import { useState } from 'react';
import { App, Button, Card, Form, Grid, Input, List, Modal, Pagination, Popconfirm, Segmented, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { showError } from '../../components/feedback.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import { formatTime } from '../../lib/format.ts';
import { can } from '../../lib/permissions.ts';
import '../../i18n/supervision.ts';
import { useChangeRequests, useNames, type ChangeRequest, type CrState, type Weakening } from './changeRequestsApi.ts';

const SIZE = 20;
const STATES: (CrState | 'all')[] = ['pending', 'approved', 'refused', 'all'];
const STATE_COLOR: Record<CrState, string> = { pending: 'gold', approved: 'green', refused: 'red' };

/** One weakening as "before → after". */
function useWeakText() {
  const { t } = useTranslation();
  const level = (l: string) => t(`sup.cr.level.${l}`, { defaultValue: l });
  return (w: Weakening): string => {
    switch (w.kind) {
      case 'loosened':
        return t('sup.cr.weak.loosened', { level: level(w.level), from: w.from, to: w.to });
      case 'removed':
        return t('sup.cr.weak.removed', { level: level(w.level), from: w.from });
      case 'direction':
        return t('sup.cr.weak.direction', { from: w.from, to: w.to });
      case 'delayed':
        return t('sup.cr.weak.delayed', { field: t(`sup.cr.field.${w.field}`), from: w.from, to: w.to });
      case 'implausible':
        return t('sup.cr.weak.implausible', { level: level(w.level), value: w.value, min: w.range[0], max: w.range[1] });
      default:
        return t(`sup.cr.weak.${w.kind}`);
    }
  };
}

/**
 * Monitoring change requests (监测变更申请): an enterprise's loosening, switching off or deleting of a
 * regulated sensor, waiting for the supervising level, which approves or refuses with a reason.
 */
export default function ChangeRequestsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const qc = useQueryClient();
  const decider = can(user.role, 'monitoring.decide');
  const phone = !Grid.useBreakpoint().md;
  const [f, setF] = useUrlState(['state', 'page'] as const);
  // Pending first: the list opens on what waits for a decision.
  const state = (f.state ?? 'pending') as CrState | 'all';
  const page = Number(f.page ?? 1);
  const q = useChangeRequests({ state: state === 'all' ? undefined : state, limit: SIZE, offset: (page - 1) * SIZE });
  const items = [...(q.data?.items ?? [])].sort((a, b) => Number(b.state === 'pending') - Number(a.state === 'pending'));
  const names = useNames(items);
  const weak = useWeakText();
  const [refusing, setRefusing] = useState<ChangeRequest | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const decided = (r: { pending?: unknown }) => {
    message.success(r.pending ? t('sup.cr.sentDown') : t('sup.cr.done'));
    void qc.invalidateQueries({ queryKey: ['mon'] });
  };
  const approve = useMutation({ meta: { quiet: true }, mutationFn: (id: string) => api.post<{ pending?: unknown }>(`/api/v1/monitoring/change-requests/${id}/approve`, {}), onSuccess: decided, onError: showError });
  const refuse = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { reason: string }) => api.post<{ pending?: unknown }>(`/api/v1/monitoring/change-requests/${refusing!.id}/refuse`, v),
    onSuccess: (r) => {
      setRefusing(null);
      form.resetFields();
      decided(r);
    },
    onError: showError,
  });
  const sensorCell = (r: ChangeRequest) => {
    const s = names.sensor(r.sensorId);
    const site = names.site(r.siteId);
    return (
      <div style={{ minWidth: 120 }}>
        {s ? `${s.code}${s.name ? ` ${s.name}` : ''}` : r.sensorId.slice(0, 8)}
        <div className="ka-muted" style={{ fontSize: 12 }}>{site ? `${site.name}（${site.code}）` : r.siteId.slice(0, 8)}</div>
      </div>
    );
  };
  const changeCell = (r: ChangeRequest) => (
    <div data-testid="cr-change" style={{ minWidth: 150 }}>
      <Tag color="orange">{t(`sup.cr.ckind.${r.kind}`)}</Tag>
      {r.weakens.map((w, i) => (
        <div key={i}>{weak(w)}</div>
      ))}
      <div className="ka-muted" style={{ fontSize: 12 }} data-testid="cr-requested">
        {t('sup.cr.requestedBy')}: {r.requestedBy ?? '—'} · {formatTime(r.requestedAt)}
      </div>
    </div>
  );
  const stateCell = (r: ChangeRequest) => (
    <div data-testid="cr-state" style={{ minWidth: 90 }}>
      <Tag color={STATE_COLOR[r.state]}>{t(`sup.cr.${r.state}`)}</Tag>
      {r.decidedAt !== null && <div className="ka-muted" style={{ fontSize: 12 }}>{r.decidedBy} · {formatTime(r.decidedAt)}</div>}
      {r.reason && <div style={{ fontSize: 12, overflowWrap: 'anywhere' }}>{r.reason}</div>}
      {decider && r.state === 'pending' && (
        <Space size={4} wrap style={{ marginTop: 4 }}>
          <Popconfirm title={t('sup.cr.approveConfirm')} onConfirm={() => approve.mutate(r.id)} okButtonProps={{ 'data-testid': 'cr-approve-ok' } as Record<string, string>}>
            <Button size="small" type="primary" loading={approve.isPending && approve.variables === r.id} data-testid="cr-approve">
              {t('sup.cr.approve')}
            </Button>
          </Popconfirm>
          <Button size="small" danger onClick={() => setRefusing(r)} data-testid="cr-refuse">
            {t('sup.cr.refuse')}
          </Button>
        </Space>
      )}
    </div>
  );
  const columns: TableColumnsType<ChangeRequest> = [
    { title: t('sup.cr.sensor'), key: 'sensor', render: (_, r) => sensorCell(r) },
    { title: t('sup.cr.change'), key: 'change', render: (_, r) => changeCell(r) },
    { title: t('sup.cr.state'), key: 'state', render: (_, r) => stateCell(r) },
  ];
  return (
    <div data-testid="change-requests">
      <PageTitle title={t('sup.cr.title')} />
      <div className="ka-filters">
        <Segmented value={state} onChange={(v) => setF({ state: v === 'pending' ? undefined : v, page: undefined })} options={STATES.map((s) => ({ value: s, label: t(`sup.cr.${s}`) }))} style={{ minWidth: 0 }} />
      </div>
      {q.isError && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {phone ? (
        // On a phone each request is a card: nothing to scroll sideways to reach the decision.
        <List
          loading={q.isLoading}
          dataSource={items}
          rowKey="id"
          split={false}
          locale={{ emptyText: t('sup.cr.none') }}
          renderItem={(r) => (
            <List.Item style={{ padding: '4px 0' }}>
              <Card size="small" style={{ width: '100%' }} data-testid="cr-item">
                {sensorCell(r)}
                <div style={{ marginTop: 8 }}>{changeCell(r)}</div>
                <div style={{ marginTop: 8 }}>{stateCell(r)}</div>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table size="middle" rowKey="id" columns={columns} dataSource={items} loading={q.isLoading} scroll={{ x: true }} locale={{ emptyText: t('sup.cr.none') }} pagination={false} />
        </Card>
      )}
      {(page > 1 || q.data?.more) && (
        <div style={{ display: 'flex', justifyContent: 'center', marginTop: 12 }}>
          <Pagination simple current={page} pageSize={SIZE} total={(page - 1) * SIZE + items.length + (q.data?.more ? 1 : 0)} onChange={(p) => setF({ page: p })} />
        </div>
      )}
      <Modal open={!!refusing} title={t('sup.cr.refuse')} onCancel={() => setRefusing(null)} onOk={() => form.submit()} confirmLoading={refuse.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => refuse.mutate(v)}>
          <Form.Item name="reason" label={t('sup.cr.refuseReason')} rules={[{ required: true, whitespace: true, message: t('sup.cr.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
