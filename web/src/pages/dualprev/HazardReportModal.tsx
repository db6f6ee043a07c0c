import { useMemo, useState } from 'react';
import { App, Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import { api, ApiError } from '../../api/client.ts';
import { showError } from '../../components/feedback.ts';
import { dpKeys, useCriteria, useSiteRisks, useSites } from './api.ts';
import { PhotoInput } from './Photos.tsx';
import { chinaDatePlus, HAZARD_CATEGORIES, HAZARD_SOURCES, type Hazard } from './model.ts';

interface Values {
  site: string;
  description: string;
  location?: string;
  grade: 'general' | 'major';
  deadline: string;
  category?: string;
  criterion?: string;
  source: string;
  sourceRef?: string;
  photos?: string[];
  risk?: string;
}

/**
 * Registers a hazard with an id made here, kept until it is saved: a retry after a dropped
 * connection sends the same id, and the server answers the record it already made.
 */
export function HazardReportModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [id, setId] = useState(() => uuidv7());
  const sites = useSites();
  const site = Form.useWatch('site', form);
  const grade = Form.useWatch('grade', form);
  const source = Form.useWatch('source', form);
  const kind = useMemo(() => sites.data?.find((s) => s.id === site)?.kind, [sites.data, site]);
  const criteria = useCriteria(kind);
  // The risk whose check found it: the link between risk control and hazard investigation.
  const risks = useSiteRisks(site);
  const m = useMutation({
    meta: { quiet: true },
    mutationFn: (v: Values) => api.post<Hazard>('/api/v1/hazards', { ...v, id, criterion: v.grade === 'major' ? v.criterion || null : null, sourceRef: v.sourceRef || null, risk: v.risk || null }),
    onSuccess: () => {
      message.success(t('common.created'));
      void qc.invalidateQueries({ queryKey: dpKeys.all });
      form.resetFields();
      setId(uuidv7());
      props.onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fieldProblems.length) form.setFields(err.fieldProblems.map((p) => ({ name: p.path as keyof Values, errors: [p.message] })));
      else showError(err);
    },
  });
  return (
    <Modal open={props.open} title={t('dp.hazard.report')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
      <Alert type="info" showIcon message={t('dp.hazard.offline')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ grade: 'general', source: 'check', deadline: chinaDatePlus(7) }}>
        <Form.Item name="site" label={t('dp.hazard.site')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" loading={sites.isLoading} options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} />
        </Form.Item>
        <Form.Item name="description" label={t('dp.hazard.description')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="photos" label={t('dp.hazard.photos')}>
          <PhotoInput site={site} />
        </Form.Item>
        <Form.Item name="location" label={t('dp.hazard.location')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="grade" label={t('dp.hazard.grade')}>
          <Radio.Group optionType="button" options={(['general', 'major'] as const).map((g) => ({ value: g, label: t(`dp.grade.${g}`) }))} />
        </Form.Item>
        {grade === 'major' && (
          <Form.Item name="criterion" label={t('dp.hazard.criterion')} extra={t('dp.hazard.criterionHint')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={(criteria.data ?? []).map((c) => ({ value: c.id, label: `${c.number ?? c.id}${c.confirmed ? '' : '（待核实）'} ${c.text}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="deadline" label={t('dp.hazard.deadline')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="category" label={t('dp.hazard.category')}>
          <Select allowClear options={HAZARD_CATEGORIES.map((c) => ({ value: c, label: t(`dp.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="source" label={t('dp.hazard.source')}>
          <Select options={HAZARD_SOURCES.map((s) => ({ value: s, label: t(`dp.source.${s}`) }))} />
        </Form.Item>
        {site && (risks.data?.items.length ?? 0) > 0 && (
          <Form.Item name="risk" label={t('dp.hazard.risk')}>
            <Select allowClear showSearch optionFilterProp="label" options={(risks.data?.items ?? []).map((r) => ({ value: r.id, label: `${t(`dp.level.${r.level}`)} · ${r.name}` }))} />
          </Form.Item>
        )}
        {(source === 'alarm' || source === 'inspection') && (
          <Form.Item name="sourceRef" label={t('dp.hazard.sourceRef')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
