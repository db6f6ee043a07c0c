import { useState } from 'react';
import { App, Button, Card, Empty, Form, InputNumber, Modal, Select, Spin, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { showError } from '../../components/feedback.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import { formatTime } from '../../lib/format.ts';
import { can } from '../../lib/permissions.ts';
import { todayChina } from './api.ts';
import { CLASS_COLOR, usePlan, usePlans, type Plan, type PlanSummary, type Visit } from './supervisionApi.ts';

const SIZE = 20;
const quarterOf = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;

function planLabel(t: (k: string, o?: Record<string, unknown>) => string, p: PlanSummary) {
  const name = p.quarter ? t('sup.plans.quarterPlan', { year: p.year, q: p.quarter }) : t('sup.plans.yearPlan', { year: p.year });
  return `${name} · ${t('sup.plans.createdAt', { at: formatTime(p.createdAt) })}`;
}

/** The visits of one of the region's plans, filtered by quarter, status and kind; officers generate plans here. */
export function PlanVisitsTab({ region }: { region: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const qc = useQueryClient();
  const [f, setF] = useUrlState(['plan', 'quarter', 'status', 'kind', 'vpage', 'ppage'] as const);
  const plansPage = Number(f.ppage ?? 1);
  const plans = usePlans({ region, limit: SIZE, offset: (plansPage - 1) * SIZE });
  const planId = f.plan ?? plans.data?.items[0]?.id;
  const plan = usePlan(planId);
  const [generating, setGenerating] = useState(false);
  const [form] = Form.useForm<{ year: number; quarter: number }>();
  const page = Number(f.vpage ?? 1);
  const generate = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { year: number; quarter: number }) => api.post<Plan>('/api/v1/enforcement/plans', { region, year: v.year, quarter: v.quarter || null }),
    onSuccess: (p) => {
      message.success(t('sup.plans.generated', { n: p.visits.length }));
      setGenerating(false);
      qc.setQueryData(['enf', 'plan', p.id], p);
      void qc.invalidateQueries({ queryKey: ['enf', 'plans'] });
      setF({ plan: p.id, vpage: undefined, ppage: undefined });
    },
    onError: showError,
  });
  const today = todayChina();
  const visits = (plan.data?.visits ?? []).filter(
    (v) =>
      (!f.quarter || quarterOf(v.due) === Number(f.quarter)) &&
      (!f.status || (f.status === 'due' ? v.due <= today : v.due > today)) &&
      (!f.kind || (f.kind === 'in_depth' ? v.inDepth : v.kind === f.kind)),
  );
  const columns: TableColumnsType<Visit> = [
    {
      title: t('sup.plans.site'),
      key: 'site',
      render: (_, v) => (
        <div style={{ minWidth: 140 }}>
          {v.siteName}
          <div className="ka-muted" style={{ fontSize: 12 }}>
            {v.siteCode} · {t('sup.plans.seq', { n: v.seq })}
          </div>
          {v.priority && <div className="ka-muted" style={{ fontSize: 12 }}>{v.reasons.join('；')}</div>}
        </div>
      ),
    },
    { title: t('sup.plans.due'), dataIndex: 'due', key: 'due', width: 110 },
    {
      title: t('sup.plans.kind'),
      key: 'kind',
      width: 150,
      render: (_, v) => (
        <span data-testid="visit-kind">
          <Tag color={v.kind === 'unscheduled' ? 'purple' : undefined}>{t(`sup.plans.vkind.${v.kind}`, { defaultValue: v.kind })}</Tag>
          {v.reason && <Tag>{v.reason}</Tag>}
          {v.inDepth && <Tag color="red">{t('sup.plans.inDepth')}</Tag>}
          {v.priority && <Tag color="orange">{t('sup.plans.priority')}</Tag>}
        </span>
      ),
    },
    { title: t('sup.plans.class'), key: 'class', width: 70, responsive: ['sm'], render: (_, v) => <Tag color={CLASS_COLOR[v.class as keyof typeof CLASS_COLOR]}>{v.class}</Tag> },
    { title: t('sup.plans.status'), key: 'status', width: 90, responsive: ['md'], render: (_, v) => t(`sup.plans.vstatus.${v.due <= today ? 'due' : 'upcoming'}`) },
  ];
  const year = Number(today.slice(0, 4));
  return (
    <div data-testid="plan-visits">
      <div className="ka-filters">
        <Select
          data-testid="plan-select"
          value={planId}
          placeholder={t('sup.plans.plan')}
          onChange={(v) => setF({ plan: v, vpage: undefined })}
          loading={plans.isLoading}
          options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: planLabel(t, p) }))}
          style={{ minWidth: 240, flex: '2 1 240px' }}
          popupRender={(menu) => (
            <>
              {menu}
              {(plans.data?.total ?? 0) > SIZE && (
                <div style={{ display: 'flex', justifyContent: 'space-between', padding: 4 }}>
                  <Button size="small" disabled={plansPage <= 1} onClick={() => setF({ ppage: plansPage - 1 })}>‹</Button>
                  <Button size="small" disabled={plansPage * SIZE >= (plans.data?.total ?? 0)} onClick={() => setF({ ppage: plansPage + 1 })}>›</Button>
                </div>
              )}
            </>
          )}
        />
        {can(user.role, 'enforcement.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)} data-testid="plan-generate">
            {t('sup.plans.generate')}
          </Button>
        )}
      </div>
      {plan.data && (
        <div className="ka-filters">
          <Select allowClear value={f.quarter} onChange={(v) => setF({ quarter: v, vpage: undefined })} placeholder={t('sup.plans.allQuarters')} options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t('sup.plans.quarterN', { n }) }))} />
          <Select allowClear value={f.status} onChange={(v) => setF({ status: v, vpage: undefined })} placeholder={t('sup.plans.allStatuses')} options={(['due', 'upcoming'] as const).map((s) => ({ value: s, label: t(`sup.plans.vstatus.${s}`) }))} />
          <Select
            allowClear
            value={f.kind}
            onChange={(v) => setF({ kind: v, vpage: undefined })}
            placeholder={t('sup.plans.allKinds')}
            options={[
              { value: 'planned', label: t('sup.plans.vkind.planned') },
              { value: 'unscheduled', label: t('sup.plans.vkind.unscheduled') },
              { value: 'in_depth', label: t('sup.plans.inDepth') },
            ]}
          />
        </div>
      )}
      {plans.isError && <LoadError error={plans.error} onRetry={() => void plans.refetch()} />}
      {plan.isError && <LoadError error={plan.error} onRetry={() => void plan.refetch()} />}
      {plans.isLoading || (planId && plan.isLoading) ? (
        <Spin />
      ) : !planId ? (
        <Empty description={t('sup.plans.noPlans')} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={visits}
            scroll={{ x: true }}
            locale={{ emptyText: t('sup.plans.noVisits') }}
            pagination={{ current: page, pageSize: SIZE, total: visits.length, onChange: (p) => setF({ vpage: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false, simple: true }}
          />
        </Card>
      )}
      <Modal open={generating} title={t('sup.plans.generate')} onCancel={() => setGenerating(false)} onOk={() => form.submit()} confirmLoading={generate.isPending} okButtonProps={{ 'data-testid': 'plan-generate-ok' } as Record<string, string>} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ year, quarter: 0 }} onFinish={(v) => generate.mutate(v)}>
          <Form.Item name="year" label={t('sup.plans.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="quarter" label={t('sup.plans.quarter')}>
            <Select options={[{ value: 0, label: t('sup.plans.wholeYear') }, ...[1, 2, 3, 4].map((n) => ({ value: n, label: t('sup.plans.quarterN', { n }) }))]} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
