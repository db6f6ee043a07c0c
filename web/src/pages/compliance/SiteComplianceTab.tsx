import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, request } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { showConflict, showError } from '../../components/feedback.ts';
import { can } from '../../lib/permissions.ts';
import type { SiteTabProps } from '../site/tabs.ts';
import { cmpKeys, useFindings, type FindingState } from './api.ts';

interface Equipment {
  id: string;
  name: string;
  kind: string;
  model: string | null;
  brakeType: string | null;
  carries: string[];
}
interface Consultation {
  id: string;
  date: string;
  experts: string[];
  conclusion: string;
}
interface Facts {
  newMine: boolean | null;
  fillingAssessedOn: string | null;
  headsUpPlanOn: string | null;
  atFinalElevation: boolean | null;
  receivingTailings: boolean | null;
  idleSince: string | null;
  note: string | null;
  version: number;
}

const STATE_COLOR: Record<FindingState, string> = { new: 'red', acknowledged: 'orange', resolved: 'green', waived: 'default' };
const KINDS = ['trackless_vehicle', 'hoist', 'drill', 'other'] as const;
const CARRIES = ['people', 'explosives', 'fuel', 'ore'] as const;

/** A site's compliance: its open findings, equipment register, expert consultations and compliance facts. */
export default function SiteComplianceTab({ site }: SiteTabProps) {
  const { t } = useTranslation();
  const user = useUser();
  const findings = useFindings({ site: site.id, limit: 100 });
  const open = (findings.data?.items ?? []).filter((f) => f.state !== 'resolved');
  const edit = can(user.role, 'site.update');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('cmp.siteFindings')}>
        {open.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cmp.noFindings')} />
        ) : (
          open.map((f) => (
            <div key={f.id} style={{ marginBottom: 6 }}>
              <Tag color={STATE_COLOR[f.state]}>{t(`cmp.states.${f.state}`)}</Tag>
              {f.message}
            </div>
          ))
        )}
      </Card>
      {site.kind !== 'tailings_pond' && <EquipmentCard siteId={site.id} edit={edit} />}
      {site.kind === 'underground' && <ConsultationCard siteId={site.id} edit={edit} />}
      <FactsCard siteId={site.id} pond={site.kind === 'tailings_pond'} edit={edit} />
    </Space>
  );
}

function EquipmentCard({ siteId, edit }: { siteId: string; edit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; kind: string; model?: string; brakeType?: string; carries?: string[] }>();
  const key = ['cmp', 'equipment', siteId];
  const list = useQuery({ queryKey: key, queryFn: () => api.get<{ items: Equipment[] }>(`/api/v1/sites/${siteId}/equipment`).then((r) => r.items) });
  const add = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post(`/api/v1/sites/${siteId}/equipment`, v),
    onSuccess: () => (form.resetFields(), void qc.invalidateQueries({ queryKey: key })),
    onError: showError,
  });
  return (
    <Card size="small" title={t('cmp.equipment')}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.data ?? []}
        columns={[
          { title: t('cmp.eq.name'), dataIndex: 'name' },
          { title: t('cmp.eq.kind'), dataIndex: 'kind', render: (k: string) => ((KINDS as readonly string[]).includes(k) ? t(`cmp.eqKind.${k}`) : k) },
          { title: t('cmp.eq.model'), dataIndex: 'model' },
          { title: t('cmp.eq.brakeType'), dataIndex: 'brakeType', render: (b: string | null) => (b ? t(`cmp.brake.${b}`) : '—') },
          { title: t('cmp.eq.carries'), dataIndex: 'carries', render: (c: string[]) => c.map((x) => t(`cmp.carry.${x}`)).join('、') },
        ]}
      />
      {edit && (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="name" rules={[{ required: true }]}><Input placeholder={t('cmp.eq.name')} /></Form.Item>
          <Form.Item name="kind" rules={[{ required: true }]}><Select style={{ width: 140 }} placeholder={t('cmp.eq.kind')} options={KINDS.map((k) => ({ value: k, label: t(`cmp.eqKind.${k}`) }))} /></Form.Item>
          <Form.Item name="model"><Input placeholder={t('cmp.eq.model')} /></Form.Item>
          <Form.Item name="brakeType"><Select allowClear style={{ width: 110 }} placeholder={t('cmp.eq.brakeType')} options={(['dry', 'wet', 'other'] as const).map((b) => ({ value: b, label: t(`cmp.brake.${b}`) }))} /></Form.Item>
          <Form.Item name="carries"><Checkbox.Group options={CARRIES.map((c) => ({ value: c, label: t(`cmp.carry.${c}`) }))} /></Form.Item>
          <Button htmlType="submit" loading={add.isPending}>{t('cmp.eq.add')}</Button>
        </Form>
      )}
    </Card>
  );
}

function ConsultationCard({ siteId, edit }: { siteId: string; edit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ date: string; experts: string; conclusion: string }>();
  const key = ['cmp', 'consultations', siteId];
  const list = useQuery({ queryKey: key, queryFn: () => api.get<{ items: Consultation[] }>('/api/v1/compliance/consultations', { site: siteId }).then((r) => r.items) });
  const add = useMutation({
    mutationFn: (v: { date: string; experts: string; conclusion: string }) =>
      api.post('/api/v1/compliance/consultations', { site: siteId, date: v.date, conclusion: v.conclusion, experts: v.experts.split(/[,，、]/).map((s) => s.trim()).filter(Boolean) }),
    onSuccess: () => (form.resetFields(), void qc.invalidateQueries({ queryKey: key })),
    onError: showError,
  });
  return (
    <Card size="small" title={t('cmp.consultations')}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.data ?? []}
        columns={[
          { title: t('cmp.cons.date'), dataIndex: 'date', width: 120 },
          { title: t('cmp.cons.experts'), dataIndex: 'experts', width: 220, render: (e: string[]) => e.join('、') },
          { title: t('cmp.cons.conclusion'), dataIndex: 'conclusion' },
        ]}
      />
      {edit && (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="date" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="experts" rules={[{ required: true }]}><Input placeholder={t('cmp.cons.experts')} /></Form.Item>
          <Form.Item name="conclusion" rules={[{ required: true }]}><Input style={{ width: 320 }} placeholder={t('cmp.cons.conclusion')} /></Form.Item>
          <Button htmlType="submit" loading={add.isPending}>{t('cmp.cons.add')}</Button>
        </Form>
      )}
    </Card>
  );
}

const yesNo = (t: (k: string) => string) => [
  { value: 'true', label: t('common.yes') },
  { value: 'false', label: t('common.no') },
];
const toSel = (v: boolean | null) => (v === null ? undefined : String(v));
const fromSel = (v: string | undefined) => (v === undefined ? null : v === 'true');

function FactsCard({ siteId, pond, edit }: { siteId: string; pond: boolean; edit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const key = ['cmp', 'facts', siteId];
  const facts = useQuery({ queryKey: key, queryFn: () => api.get<Facts>(`/api/v1/compliance/sites/${siteId}/facts`) });
  useEffect(() => {
    const f = facts.data;
    if (f) form.setFieldsValue({ ...f, newMine: toSel(f.newMine), atFinalElevation: toSel(f.atFinalElevation), receivingTailings: toSel(f.receivingTailings) });
  }, [facts.data, form]);
  const save = useMutation({
    mutationFn: (v: Record<string, string | undefined>) => {
      const date = (d: string | undefined) => (d ? d : null);
      const body = pond
        ? { headsUpPlanOn: date(v.headsUpPlanOn), atFinalElevation: fromSel(v.atFinalElevation), receivingTailings: fromSel(v.receivingTailings), idleSince: date(v.idleSince) }
        : { newMine: fromSel(v.newMine), fillingAssessedOn: date(v.fillingAssessedOn) };
      return request<Facts>('PUT', `/api/v1/compliance/sites/${siteId}/facts`, { ...body, note: v.note || null, version: facts.data?.version ?? 0 });
    },
    onSuccess: () => {
      void message.success(t('cmp.savedRecord'));
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: cmpKeys.all });
    },
    onError: (err) => (err instanceof ApiError && err.status === 409 ? showConflict(err.message, () => qc.invalidateQueries({ queryKey: key })) : showError(err)),
  });
  const bool = <Select allowClear style={{ width: 100 }} options={yesNo(t)} disabled={!edit} />;
  const day = <Input type="date" disabled={!edit} />;
  return (
    <Card size="small" title={t('cmp.facts')}>
      <Form form={form} layout="inline" style={{ rowGap: 8 }} onFinish={(v) => save.mutate(v)}>
        {pond ? (
          <>
            <Form.Item name="headsUpPlanOn" label={t('cmp.fact.headsUpPlanOn')}>{day}</Form.Item>
            <Form.Item name="atFinalElevation" label={t('cmp.fact.atFinalElevation')}>{bool}</Form.Item>
            <Form.Item name="receivingTailings" label={t('cmp.fact.receivingTailings')}>{bool}</Form.Item>
            <Form.Item name="idleSince" label={t('cmp.fact.idleSince')}>{day}</Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="newMine" label={t('cmp.fact.newMine')}>{bool}</Form.Item>
            <Form.Item name="fillingAssessedOn" label={t('cmp.fact.fillingAssessedOn')}>{day}</Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('cmp.fact.note')}><Input disabled={!edit} style={{ width: 240 }} /></Form.Item>
        {edit && <Button htmlType="submit" type="primary" loading={save.isPending}>{t('cmp.fact.save')}</Button>}
      </Form>
    </Card>
  );
}
