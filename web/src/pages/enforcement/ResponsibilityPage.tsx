import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { showError } from '../../components/feedback.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/enforcement.ts';
import { todayChina, useGaps, type Gap } from './api.ts';

/** Responsibility gaps (包保责任空缺): mines and ponds without a current leader, ponds without a commissioner. */
export default function ResponsibilityPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const qc = useQueryClient();
  const [f, setF] = useUrlState(['region'] as const);
  const region = f.region ?? user.region ?? undefined;
  const gaps = useGaps(region);
  const [filling, setFilling] = useState<Gap | null>(null);
  const [form] = Form.useForm();
  const assign = useMutation({
    meta: { quiet: true },
    mutationFn: (v: Record<string, string>) => api.post('/api/v1/enforcement/responsibility', { site: filling!.site, role: filling!.missing, ...v, level: filling!.missing === 'leader' ? v.level : null, phone: v.phone || null, endsOn: v.endsOn || null }),
    onSuccess: () => {
      message.success(t('common.saved'));
      setFilling(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['enf', 'gaps'] });
    },
    onError: showError,
  });
  const columns: TableColumnsType<Gap> = [
    { title: t('enf.resp.site'), key: 'site', render: (_, g) => <>{g.name}<div className="ka-muted" style={{ fontSize: 12 }}>{g.code} · {g.enterpriseName}</div></> },
    { title: t('enf.resp.missing'), key: 'missing', width: 150, render: (_, g) => <Tag color={g.missing === 'leader' ? 'red' : 'orange'}>{t(`enf.role.${g.missing}`)}</Tag> },
    { title: t('enf.resp.last'), key: 'last', render: (_, g) => (g.last ? `${g.last.name}${t('enf.resp.ended', { date: g.last.endsOn ?? g.last.startsOn })}` : '—') },
    { title: '', key: 'act', width: 120, render: (_, g) => <Button size="small" onClick={() => setFilling(g)}>{t('enf.resp.assign')}</Button> },
  ];
  return (
    <div data-testid="responsibility">
      <PageTitle title={`${t('enf.resp.title')} · ${t('enf.resp.gaps')}`} />
      <div className="ka-filters">
        <RegionSelect value={region} onChange={(v) => setF({ region: v })} allowClear={false} />
      </div>
      {!region ? (
        <Empty description={t('enf.resp.chooseRegion')} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table size="middle" rowKey={(g) => `${g.site}:${g.missing}`} columns={columns} dataSource={gaps.data?.items ?? []} loading={gaps.isLoading} scroll={{ x: true }} locale={{ emptyText: t('enf.resp.none') }} pagination={false} />
        </Card>
      )}
      <Modal open={!!filling} title={filling ? `${t('enf.resp.assign')} · ${t(`enf.role.${filling.missing}`)} · ${filling.name}` : ''} onCancel={() => setFilling(null)} onOk={() => form.submit()} confirmLoading={assign.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => assign.mutate(v)} initialValues={{ startsOn: todayChina(), level: 'county' }}>
          <Form.Item name="name" label={t('enf.resp.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="post" label={t('enf.resp.post')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          {filling?.missing === 'leader' && (
            <Form.Item name="level" label={t('enf.resp.level')}>
              <Select options={(['province', 'city', 'county', 'township'] as const).map((l) => ({ value: l, label: t(`enf.level.${l}`) }))} />
            </Form.Item>
          )}
          <Form.Item name="phone" label={t('enf.resp.phone')}>
            <Input />
          </Form.Item>
          <Form.Item name="startsOn" label={t('enf.resp.startsOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endsOn" label={t('enf.resp.endsOn')}>
            <Input type="date" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
