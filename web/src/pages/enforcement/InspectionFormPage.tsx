import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Form, Input, Radio, Select, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import { api } from '../../api/client.ts';
import { showError } from '../../components/feedback.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import '../../i18n/enforcement.ts';
import { chinaDay, openPdf, useInspection, useSiteOptions, type Finding, type Inspection } from './api.ts';

const plusDays = (n: number) => chinaDay(Date.now() + n * 86_400_000);

/**
 * An inspection on site (现场执法检查), laid out for a phone: choose the site and start; record each
 * finding (it opens a hazard in the enterprise's ledger); complete, which numbers the documents.
 * The inspection's id is made here, so a create retried after a dropped connection makes no second one.
 */
export default function InspectionFormPage() {
  const { id } = useParams();
  return id ? <InspectionOnSite id={id} /> : <StartInspection />;
}

function StartInspection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sites = useSiteOptions();
  const [clientId] = useState(() => uuidv7());
  const start = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { site: string; kind: string; inspectors?: string; notes?: string }) =>
      api.post<Inspection>('/api/v1/inspections', { id: clientId, site: v.site, kind: v.kind, notes: v.notes || null, inspectors: v.inspectors ? v.inspectors.split(/[,，、\s]+/).filter(Boolean) : undefined }),
    onSuccess: (i) => navigate(`/enforcement/inspections/${i.id}`, { replace: true }),
    onError: showError,
  });
  return (
    <div data-testid="inspection-start">
      <PageTitle title={t('enf.inspections.new')} />
      <Card size="small">
        <Form layout="vertical" onFinish={(v) => start.mutate(v)} initialValues={{ kind: 'unscheduled' }}>
          <Form.Item name="site" label={t('enf.inspections.site')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" loading={sites.isLoading} data-testid="inspection-site" options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('enf.inspections.kind')}>
            <Radio.Group optionType="button" options={(['planned', 'unscheduled', 'in_depth'] as const).map((k) => ({ value: k, label: t(`enf.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="inspectors" label={t('enf.inspections.inspectors')}>
            <Input placeholder="王明、李强" />
          </Form.Item>
          <Form.Item name="notes" label={t('enf.inspections.notes')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={start.isPending} data-testid="inspection-begin">
            {t('enf.inspections.start')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

function InspectionOnSite({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const insp = useInspection(id);
  const sites = useSiteOptions();
  const [form] = Form.useForm();
  const refresh = () => qc.invalidateQueries({ queryKey: ['enf'] });
  const add = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { description: string; grade: string; deadline: string; basis?: string }) => api.post<Finding>(`/api/v1/inspections/${id}/findings`, { ...v, basis: v.basis || null }),
    onSuccess: (f) => {
      message.success(f.hazard ? t('enf.inspections.findingAdded') : t('common.created'));
      form.resetFields();
      void refresh();
    },
    onError: showError,
  });
  const complete = useMutation({ meta: { quiet: true }, mutationFn: () => api.post(`/api/v1/inspections/${id}/complete`, {}), onSuccess: () => void refresh(), onError: showError });
  const verify = useMutation({ meta: { quiet: true }, mutationFn: (f: Finding) => api.post(`/api/v1/inspections/${id}/findings/${f.id}/verify`, {}), onSuccess: () => void refresh(), onError: showError });
  const i = insp.data;
  if (!i) return <Card loading />;
  const site = sites.data?.find((s) => s.id === i.site);
  const open = i.state === 'open';
  return (
    <div data-testid="inspection-on-site">
      <PageTitle title={site ? site.name : t('enf.inspections.title')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('enf.inspections.kind')}>{t(`enf.kind.${i.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('enf.inspections.at')}>{chinaDay(i.at)}</Descriptions.Item>
          <Descriptions.Item label={t('enf.inspections.inspectors')}>{i.inspectors.join('、')}</Descriptions.Item>
          <Descriptions.Item label="">
            <Tag color={open ? 'blue' : 'green'} data-testid="inspection-state">
              {t(`enf.istate.${i.state}`)}
            </Tag>
            {i.recordNumber && <span className="ka-muted">{i.recordNumber}</span>}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('enf.inspections.findings')} style={{ marginBottom: 12 }}>
        {(i.findings ?? []).length === 0 && <div className="ka-muted">{t('enf.inspections.noFindings')}</div>}
        {(i.findings ?? []).map((f) => (
          <div key={f.id} data-testid="finding" style={{ borderLeft: `4px solid ${f.grade === 'major' ? '#f5222d' : '#fa8c16'}`, padding: '4px 8px', marginBottom: 8 }}>
            <div>{f.description}</div>
            <Space size={4} wrap style={{ fontSize: 12 }}>
              <Tag color={f.grade === 'major' ? 'red' : 'orange'}>{t(`enf.grade.${f.grade}`)}</Tag>
              {f.deadline && <span className="ka-muted">{t('enf.inspections.deadline')} {f.deadline}</span>}
              {f.hazard && <Tag color="cyan" data-testid="finding-hazard">{t('enf.inspections.hazard')}</Tag>}
              {f.verifiedAt ? (
                <Tag color="green">{t('enf.inspections.verified')}</Tag>
              ) : (
                !open && f.hazard && (
                  <Button size="small" onClick={() => verify.mutate(f)} loading={verify.isPending}>
                    {t('enf.inspections.verify')}
                  </Button>
                )
              )}
            </Space>
          </div>
        ))}
      </Card>
      {open ? (
        <>
          <Card size="small" title={t('enf.inspections.addFinding')} style={{ marginBottom: 12 }}>
            <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} initialValues={{ grade: 'general', deadline: plusDays(30) }}>
              <Form.Item name="description" label={t('enf.inspections.description')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} maxLength={5000} data-testid="finding-description" />
              </Form.Item>
              <Form.Item name="grade" label={t('enf.inspections.grade')}>
                <Radio.Group optionType="button" options={(['general', 'major'] as const).map((g) => ({ value: g, label: t(`enf.grade.${g}`) }))} />
              </Form.Item>
              <Form.Item name="deadline" label={t('enf.inspections.deadline')} rules={[{ required: true }]}>
                <Input type="date" data-testid="finding-deadline" />
              </Form.Item>
              <Form.Item name="basis" label={t('enf.inspections.basis')}>
                <Input maxLength={1000} />
              </Form.Item>
              <Button htmlType="submit" block size="large" loading={add.isPending} data-testid="finding-add">
                {t('enf.inspections.addFinding')}
              </Button>
            </Form>
          </Card>
          <Button type="primary" block size="large" onClick={() => complete.mutate()} loading={complete.isPending} data-testid="inspection-complete">
            {t('enf.inspections.complete')}
          </Button>
        </>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button block onClick={() => openPdf(`/api/v1/inspections/${id}/documents/record`).catch(showError)}>
            {t('enf.inspections.record')}
          </Button>
          {i.orderNumber && (
            <Button block onClick={() => openPdf(`/api/v1/inspections/${id}/documents/order`).catch(showError)}>
              {t('enf.inspections.order')}
            </Button>
          )}
        </Space>
      )}
    </div>
  );
}
