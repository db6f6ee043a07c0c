import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { EnterpriseSelect } from '../../components/EnterpriseSelect.tsx';
import { showError } from '../../components/feedback.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/enforcement.ts';
import { chinaDay, openPdf, usePenalties, type Penalty } from './api.ts';

const SIZE = 20;
const KINDS = ['warning', 'fine', 'confiscation', 'suspension', 'licence_suspension', 'licence_revocation', 'closure'] as const;
const STATES = ['decided', 'notified', 'paid', 'appealed', 'upheld', 'overturned', 'closed'] as const;
/** Actions that need their reason written down. */
const NEEDS_REASON = ['appeal', 'uphold', 'overturn', 'correct'];

/** Violations and administrative penalties (违法行为与行政处罚): decisions, their numbers and where each stands. */
export default function PenaltiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const qc = useQueryClient();
  const [f, setF] = useUrlState(['state', 'kind', 'page'] as const);
  const page = Number(f.page ?? 1);
  const list = usePenalties({ state: f.state, kind: f.kind, limit: SIZE, offset: (page - 1) * SIZE });
  const [deciding, setDeciding] = useState(false);
  const [acting, setActing] = useState<{ p: Penalty; action: string } | null>(null);
  const [form] = Form.useForm();
  const [actForm] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const officer = !user.enterprise;
  const refresh = () => qc.invalidateQueries({ queryKey: ['enf'] });
  const decide = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { enterprise: string; kind: string; violation: string; law: string; article: string; amount?: number }) =>
      api.post<Penalty>('/api/v1/penalties', { enterprise: v.enterprise, kind: v.kind, violation: v.violation, basis: { law: v.law, article: v.article }, amount: v.amount ?? null }),
    onSuccess: (p) => {
      message.success(p.number);
      setDeciding(false);
      form.resetFields();
      void refresh();
    },
    onError: showError,
  });
  const act = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { reason?: string; document?: string }) => api.post(`/api/v1/penalties/${acting!.p.id}/${acting!.action}`, { reason: v.reason || undefined, document: v.document || null }),
    onSuccess: () => {
      setActing(null);
      actForm.resetFields();
      void refresh();
    },
    onError: showError,
  });
  const columns: TableColumnsType<Penalty> = [
    { title: t('enf.penalties.number'), dataIndex: 'number', key: 'number', width: 220 },
    { title: t('enf.penalties.violation'), key: 'violation', render: (_, p) => <div>{p.violation}<div className="ka-muted" style={{ fontSize: 12 }}>{p.basis.law}{p.basis.article}</div></div> },
    { title: t('enf.penalties.kind'), key: 'kind', width: 150, render: (_, p) => <>{p.kindLabel}{p.amount !== null && <div>¥{p.amount.toLocaleString('zh-CN')}</div>}</> },
    { title: t('enf.penalties.state'), key: 'state', width: 110, render: (_, p) => <Tag>{t(`enf.pstate.${p.state}`)}</Tag> },
    { title: '', key: 'decidedAt', width: 110, responsive: ['lg'], render: (_, p) => chinaDay(p.decidedAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, p) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => openPdf(`/api/v1/penalties/${p.id}/documents/decision`).catch(showError)}>
            {t('enf.penalties.decision')}
          </Button>
          {officer &&
            p.actions.filter((a) => a !== 'correct').map((a) => (
              <Button key={a} size="small" onClick={() => setActing({ p, action: a })}>
                {t(`enf.pact.${a}`)}
              </Button>
            ))}
        </Space>
      ),
    },
  ];
  return (
    <div data-testid="penalties">
      <PageTitle
        title={t('enf.penalties.title')}
        extra={
          officer && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeciding(true)}>
              {t('enf.penalties.decide')}
            </Button>
          )
        }
      />
      <div className="ka-filters">
        <Select allowClear value={f.state} onChange={(v) => setF({ state: v, page: undefined })} placeholder={t('enf.penalties.state')} options={STATES.map((s) => ({ value: s, label: t(`enf.pstate.${s}`) }))} style={{ minWidth: 120 }} />
        <Select allowClear value={f.kind} onChange={(v) => setF({ kind: v, page: undefined })} placeholder={t('enf.penalties.kind')} options={KINDS.map((k) => ({ value: k, label: t(`enf.pkind.${k}`) }))} style={{ minWidth: 160 }} />
      </div>
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          scroll={{ x: true }}
          locale={{ emptyText: t('enf.penalties.none') }}
          pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, onChange: (p) => setF({ page: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
        />
      </Card>
      <Modal open={deciding} title={t('enf.penalties.decide')} onCancel={() => setDeciding(false)} onOk={() => form.submit()} confirmLoading={decide.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => decide.mutate(v)} initialValues={{ kind: 'fine', law: '《中华人民共和国安全生产法》' }}>
          <Form.Item name="enterprise" label={t('enf.penalties.enterprise')} rules={[{ required: true }]}>
            <EnterpriseSelect />
          </Form.Item>
          <Form.Item name="violation" label={t('enf.penalties.violation')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="law" label={t('enf.penalties.law')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="article" label={t('enf.penalties.article')} rules={[{ required: true }]}>
            <Input placeholder="第一百零二条" />
          </Form.Item>
          <Form.Item name="kind" label={t('enf.penalties.kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`enf.pkind.${k}`) }))} />
          </Form.Item>
          {(kind === 'fine' || kind === 'confiscation') && (
            <Form.Item name="amount" label={t('enf.penalties.amount')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal open={!!acting} title={acting ? `${t(`enf.pact.${acting.action}`)} · ${acting.p.number}` : ''} onCancel={() => setActing(null)} onOk={() => actForm.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form form={actForm} layout="vertical" onFinish={(v) => act.mutate(v)}>
          <Form.Item name="reason" label={t('enf.penalties.reason')} rules={[{ required: !!acting && NEEDS_REASON.includes(acting.action) }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="document" label={t('enf.penalties.document')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
