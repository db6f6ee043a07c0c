import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Select, Space, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import { api, ApiError } from '../../api/client.ts';
import { showError } from '../../components/feedback.ts';
import { dpKeys, useSites, useTemplates, useVocabulary } from './api.ts';
import { CONTROL_LEVELS, KEY_OPERATIONS, LEVEL_TAG, lines, MEASURE_KINDS, type Measure, type Risk, type ScaleValue } from './model.ts';

interface Values {
  site: string;
  name: string;
  operation?: string;
  area?: string;
  process?: string;
  method: 'LEC' | 'LS';
  L: number;
  E?: number;
  C?: number;
  S?: number;
  hazardFactors?: string;
  accidentTypes?: string[];
  checkItems?: string;
  measures?: Measure[];
  department?: string;
  person?: string;
  controlLevel?: string;
}

const scaleOptions = (s: ScaleValue[] | undefined) => (s ?? []).map((x) => ({ value: x.value, label: `${x.value} — ${x.zh}` }));

/** A new risk point, by hand or from a template; for a review (复评), only the factors. */
export function RiskFormModal(props: { open: boolean; review?: Risk | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values & { reason?: string }>();
  const [id, setId] = useState(() => uuidv7());
  const vocab = useVocabulary();
  const sites = useSites();
  const site = Form.useWatch('site', form);
  const method = Form.useWatch('method', form) ?? props.review?.method ?? 'LEC';
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const kind = useMemo(() => sites.data?.find((s) => s.id === site)?.kind, [sites.data, site]);
  const templates = useTemplates(kind);
  const review = props.review;
  const score = method === 'LEC' ? (values?.L ?? 0) * (values?.E ?? 0) * (values?.C ?? 0) : (values?.L ?? 0) * (values?.S ?? 0);

  const m = useMutation({
    meta: { quiet: true },
    mutationFn: (v: Values & { reason?: string }) => {
      const factors = v.method === 'LEC' ? { method: 'LEC', L: v.L, E: v.E, C: v.C } : { method: 'LS', L: v.L, S: v.S };
      if (review) return api.post<Risk>(`/api/v1/risks/${review.id}/review`, { ...factors, reason: v.reason || null, version: review.version });
      return api.post<Risk>('/api/v1/risks', {
        id,
        site: v.site,
        name: v.name,
        ...factors,
        operation: v.operation || null,
        area: v.area || null,
        process: v.process || null,
        hazardFactors: lines(v.hazardFactors),
        accidentTypes: v.accidentTypes ?? [],
        checkItems: lines(v.checkItems),
        measures: (v.measures ?? []).filter((x) => x?.text),
        department: v.department || null,
        person: v.person || null,
        controlLevel: v.controlLevel || null,
      });
    },
    onSuccess: (r) => {
      message.success(`${t('common.saved')} · ${t(`dp.level.${r.level}`)}（${r.score}）`);
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

  const useTemplate = (tid: string) => {
    const x = templates.data?.find((y) => y.id === tid);
    if (!x) return;
    form.setFieldsValue({
      name: x.riskPoint,
      operation: x.operation ?? undefined,
      area: x.area,
      method: 'LEC',
      ...x.suggested,
      hazardFactors: x.hazardFactors.join('\n'),
      accidentTypes: x.accidentTypes,
      checkItems: x.checkItems.join('\n'),
      controlLevel: x.controlLevel,
      measures: x.measures.map((mm) => ({ ...mm, controlLevel: x.controlLevel })),
    });
  };

  const scales = vocab.data?.scales;
  return (
    <Modal open={props.open} width={720} title={review ? `${t('dp.risk.review')} · ${review.name}` : t('dp.risk.create')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={review ? { method: review.method, L: review.L, E: review.E ?? undefined, C: review.C ?? undefined, S: review.S ?? undefined } : { method: 'LEC' }}>
        {!review && (
          <>
            <Form.Item name="site" label={t('dp.risk.site')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} />
            </Form.Item>
            {kind && (
              <Form.Item label={t('dp.risk.template')}>
                <Select showSearch optionFilterProp="label" onChange={useTemplate} options={(templates.data ?? []).map((x) => ({ value: x.id, label: `${x.operation ? t(`dp.operation.${x.operation}`) + ' · ' : ''}${x.riskPoint}` }))} />
              </Form.Item>
            )}
            <Form.Item name="name" label={t('dp.risk.name')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Space wrap style={{ width: '100%' }}>
              <Form.Item name="operation" label={t('dp.risk.operation')}>
                <Select allowClear style={{ width: 160 }} options={KEY_OPERATIONS.map((o) => ({ value: o, label: t(`dp.operation.${o}`) }))} />
              </Form.Item>
              <Form.Item name="area" label={t('dp.risk.area')}>
                <Input style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="process" label={t('dp.risk.process')}>
                <Input style={{ width: 200 }} />
              </Form.Item>
            </Space>
          </>
        )}
        <Form.Item name="method" label={t('dp.risk.method')} extra={method === 'LEC' ? t('dp.risk.lecHint') : t('dp.risk.lsHint')}>
          <Radio.Group optionType="button" options={['LEC', 'LS']} />
        </Form.Item>
        <Form.Item name="L" label={t('dp.risk.L')} rules={[{ required: true }]}>
          <Select options={scaleOptions(method === 'LEC' ? scales?.LEC.L : scales?.LS.L)} />
        </Form.Item>
        {method === 'LEC' ? (
          <>
            <Form.Item name="E" label={t('dp.risk.E')} rules={[{ required: true }]}>
              <Select options={scaleOptions(scales?.LEC.E)} />
            </Form.Item>
            <Form.Item name="C" label={t('dp.risk.C')} rules={[{ required: true }]}>
              <Select options={scaleOptions(scales?.LEC.C)} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="S" label={t('dp.risk.S')} rules={[{ required: true }]}>
            <Select options={scaleOptions(scales?.LS.S)} />
          </Form.Item>
        )}
        {score > 0 && (
          <div style={{ marginBottom: 12 }}>
            {t('dp.risk.score')}：<Tag>{Math.round(score * 100) / 100}</Tag>
          </div>
        )}
        {review ? (
          <Form.Item name="reason" label={t('dp.risk.reason')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="hazardFactors" label={t('dp.risk.factors')} extra={t('dp.risk.listHint')}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="accidentTypes" label={t('dp.risk.accidents')}>
              <Select mode="multiple" options={(vocab.data?.accidentTypes ?? []).map((a) => ({ value: a, label: a }))} />
            </Form.Item>
            <Form.List name="measures">
              {(fields, { add, remove }) => (
                <div style={{ marginBottom: 12 }}>
                  <div style={{ marginBottom: 8 }}>{t('dp.risk.measures')}</div>
                  {fields.map((fl) => (
                    <Space key={fl.key} wrap align="start" style={{ display: 'flex', marginBottom: 4 }}>
                      <Form.Item name={[fl.name, 'kind']} rules={[{ required: true }]} noStyle>
                        <Select style={{ width: 110 }} placeholder={t('dp.risk.kind')} options={MEASURE_KINDS.map((k) => ({ value: k, label: t(`dp.measureKind.${k}`) }))} />
                      </Form.Item>
                      <Form.Item name={[fl.name, 'text']} rules={[{ required: true }]} noStyle>
                        <Input style={{ width: 260 }} placeholder={t('dp.risk.measureText')} />
                      </Form.Item>
                      <Form.Item name={[fl.name, 'department']} noStyle>
                        <Input style={{ width: 100 }} placeholder={t('dp.risk.department')} />
                      </Form.Item>
                      <Form.Item name={[fl.name, 'person']} noStyle>
                        <Input style={{ width: 90 }} placeholder={t('dp.risk.person')} />
                      </Form.Item>
                      <Form.Item name={[fl.name, 'controlLevel']} noStyle>
                        <Select style={{ width: 120 }} allowClear placeholder={t('dp.risk.controlLevel')} options={CONTROL_LEVELS.map((c) => ({ value: c, label: t(`dp.controlLevel.${c}`) }))} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(fl.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'management' })}>
                    {t('dp.risk.addMeasure')}
                  </Button>
                </div>
              )}
            </Form.List>
            <Form.Item name="checkItems" label={t('dp.risk.checkItems')} extra={t('dp.risk.listHint')}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="controlLevel" label={t('dp.risk.controlLevel')}>
                <Select allowClear style={{ width: 160 }} options={CONTROL_LEVELS.map((c) => ({ value: c, label: t(`dp.controlLevel.${c}`) }))} />
              </Form.Item>
              <Form.Item name="department" label={t('dp.risk.department')}>
                <Input style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="person" label={t('dp.risk.person')}>
                <Input style={{ width: 160 }} />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
      {review && <Tag color={LEVEL_TAG[review.level]}>{`${t(`dp.level.${review.level}`)}（${review.score}）`}</Tag>}
    </Modal>
  );
}
