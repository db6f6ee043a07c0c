import { App, Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { showError } from '../../components/feedback.ts';
import { dpKeys } from './api.ts';
import { chinaDate, type Hazard, type HazardAction } from './model.ts';
import { PhotoInput } from './Photos.tsx';

interface Values {
  note?: string;
  photos?: string[];
  goal?: string;
  measures?: string;
  funds?: number;
  people?: string;
  deadline?: string;
  interimMeasures?: string;
  order?: string;
  body?: string;
}

export type HazardModalAction = HazardAction | 'supervise' | 'accept';

/** One step of the closed loop, sent with the version it was read at; a 409 explains what changed. */
export function HazardActionModal(props: { hazard: Hazard | null; action: HazardModalAction | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { hazard: h, action } = props;
  const m = useMutation({
    meta: { quiet: true },
    mutationFn: (v: Values) => {
      const version = h!.version;
      const body =
        action === 'plan'
          ? { version, plan: { goal: v.goal || null, measures: v.measures ?? '', funds: v.funds ?? null, people: v.people || null, deadline: v.deadline || null, interimMeasures: v.interimMeasures || null } }
          : action === 'rectify'
            ? { version, note: v.note ?? '', photos: v.photos ?? [] }
            : action === 'supervise'
              ? { version, order: v.order || undefined, body: v.body || undefined, deadline: v.deadline || undefined }
              : { version, note: v.note || undefined };
      return api.post<Hazard>(`/api/v1/hazards/${h!.id}/${action}`, body);
    },
    onSuccess: (r) => {
      if (r.pending) message.info(t('dp.pendingOrder'));
      else message.success(t(`dp.done.${action}`));
      void qc.invalidateQueries({ queryKey: dpKeys.all });
      form.resetFields();
      props.onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409 && (err.details as { current?: Hazard })?.current) {
        const current = (err.details as { current: Hazard }).current;
        modal.warning({ title: t('common.conflict'), content: t('dp.conflict', { state: t(`dp.state.${current.state}`) }), onOk: () => qc.invalidateQueries({ queryKey: dpKeys.all }) });
        props.onClose();
      } else if (err instanceof ApiError && err.fieldProblems.length) {
        form.setFields(err.fieldProblems.map((p) => ({ name: p.path.replace(/^plan\./, '') as keyof Values, errors: [p.message] })));
      } else showError(err);
    },
  });
  if (!h || !action) return null;
  const noteRequired = action === 'rectify' || action === 'reject';
  const noteLabel = action === 'rectify' ? t('dp.rectifyNote') : action === 'reject' ? t('dp.rejectNote') : action === 'verify' ? t('dp.verifyNote') : action === 'accept' ? t('dp.supervision.acceptNote') : t('dp.note');
  const major = h.grade === 'major';
  return (
    <Modal open title={`${t(`dp.act.${action}`)} · ${h.description.slice(0, 30)}`} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={action === 'plan' ? { ...h.plan, deadline: h.plan?.deadline ? chinaDate(h.plan.deadline) : chinaDate(h.deadline) } : action === 'supervise' ? { deadline: chinaDate(h.deadline) } : {}}>
        {action === 'plan' ? (
          <>
            {major && <Alert type="warning" showIcon message={t('dp.planForm.majorHint')} style={{ marginBottom: 12 }} />}
            <Form.Item name="measures" label={t('dp.planForm.measures')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            {major && (
              <Form.Item name="goal" label={t('dp.planForm.goal')}>
                <Input />
              </Form.Item>
            )}
            <Form.Item name="funds" label={t('dp.planForm.funds')} rules={[{ required: major }]}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="people" label={t('dp.planForm.people')} rules={[{ required: major }]}>
              <Input />
            </Form.Item>
            <Form.Item name="deadline" label={t('dp.planForm.deadline')} rules={[{ required: major }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="interimMeasures" label={t('dp.planForm.interimMeasures')} rules={[{ required: major }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : action === 'supervise' ? (
          <>
            <Form.Item name="order" label={t('dp.supervision.order')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="body" label={t('dp.supervision.body')}>
              <Input />
            </Form.Item>
            <Form.Item name="deadline" label={t('dp.supervision.deadline')}>
              <Input type="date" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="note" label={noteLabel} rules={[{ required: noteRequired }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            {action === 'rectify' && (
              <Form.Item name="photos" label={t('dp.hazard.photos')}>
                <PhotoInput site={h.site} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
