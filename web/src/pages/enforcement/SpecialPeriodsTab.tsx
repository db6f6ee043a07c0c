import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { showError } from '../../components/feedback.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useRegionName } from '../../components/RegionSelect.tsx';
import { can } from '../../lib/permissions.ts';
import { CLASS_LIST, useSpecialPeriods, type SpecialPeriod } from './supervisionApi.ts';

const SIZE = 20;
const PRESETS = ['spring', 'sessions', 'flood', 'national'] as const;

interface PeriodForm {
  name: string;
  from: string;
  to: string;
  extra: Record<string, number | null>;
}

/** Special periods (特殊时段: 节假日、全国两会、汛期…): plans overlapping one add unscheduled visits. */
export function SpecialPeriodsTab({ region }: { region: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const qc = useQueryClient();
  const regionName = useRegionName();
  const [page, setPage] = useState(1);
  const q = useSpecialPeriods({ region, limit: SIZE, offset: (page - 1) * SIZE });
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<PeriodForm>();
  const add = useMutation({
    meta: { quiet: true },
    mutationFn: (v: PeriodForm) => {
      const extraVisits = Object.fromEntries(Object.entries(v.extra ?? {}).filter(([, n]) => typeof n === 'number'));
      return api.post<SpecialPeriod>('/api/v1/enforcement/special-periods', { region, name: v.name, from: v.from, to: v.to, extraVisits: Object.keys(extraVisits).length ? extraVisits : null });
    },
    onSuccess: () => {
      message.success(t('sup.plans.periodSaved'));
      setAdding(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['enf', 'special-periods'] });
    },
    onError: showError,
  });
  const columns: TableColumnsType<SpecialPeriod> = [
    { title: t('sup.plans.periodName'), key: 'name', render: (_, p) => <>{p.name}<div className="ka-muted" style={{ fontSize: 12 }}>{regionName(p.region)}</div></> },
    { title: t('sup.plans.periodRange'), key: 'range', render: (_, p) => `${p.from} ~ ${p.to}` },
    {
      title: t('sup.plans.extraVisits'),
      key: 'extra',
      responsive: ['sm'],
      render: (_, p) => Object.entries(p.extraVisits).filter(([, n]) => n > 0).map(([c, n]) => <Tag key={c}>{c} +{n}</Tag>),
    },
  ];
  return (
    <div data-testid="special-periods">
      {can(user.role, 'enforcement.manage') && (
        <div className="ka-filters">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="period-add">
            {t('sup.plans.addPeriod')}
          </Button>
        </div>
      )}
      {q.isError && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isLoading}
          scroll={{ x: true }}
          locale={{ emptyText: t('sup.plans.noPeriods') }}
          pagination={{ current: page, pageSize: SIZE, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }), showSizeChanger: false, simple: true }}
        />
      </Card>
      <Modal open={adding} title={`${t('sup.plans.addPeriod')} · ${regionName(region)}`} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ extra: { C: 1, D: 1 } }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="name" label={t('sup.plans.periodName')} rules={[{ required: true, whitespace: true }]} extra={
            <Space size={4} wrap style={{ marginTop: 4 }}>
              {t('sup.plans.presets')}:
              {PRESETS.map((p) => (
                <Button key={p} size="small" type="dashed" onClick={() => form.setFieldValue('name', t(`sup.plans.preset.${p}`))}>
                  {t(`sup.plans.preset.${p}`)}
                </Button>
              ))}
            </Space>
          }>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="from" label={t('sup.plans.from')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="to" label={t('sup.plans.to')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item label={t('sup.plans.extraVisits')} extra={t('sup.plans.extraHint')}>
            <Space wrap>
              {CLASS_LIST.map((c) => (
                <Form.Item key={c} name={['extra', c]} noStyle>
                  <InputNumber min={0} max={12} prefix={c} style={{ width: 80 }} />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
