import { Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { showError } from '../../components/feedback.ts';
import { monKeys } from './api.ts';
import { CAUSES, type Alarm, type AlarmAction, type Cause } from './model.ts';
import { App } from 'antd';

interface Values {
  cause?: Cause;
  measures?: string;
  note?: string;
}

/** One step of the loop: 研判 asks for the cause and the measures, 退回 for a reason, the rest for an optional note. */
export function ActionModal(props: { alarm: Alarm | null; action: AlarmAction | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { alarm, action } = props;
  const m = useMutation({
    meta: { quiet: true },
    mutationFn: (v: Values) => {
      const body = action === 'analyse' ? { cause: v.cause, measures: v.measures, note: v.note || undefined } : action === 'escalate' ? {} : { note: v.note || undefined };
      return api.post(`/api/v1/alarms/${alarm!.id}/${action}`, body);
    },
    onSuccess: (r) => {
      // 202: an alarm kept by a node below; the action is on its way there.
      const pending = !!r && typeof r === 'object' && 'pending' in r && !!(r as { pending?: unknown }).pending;
      message.success(pending ? t('mon.alarm.sent') : t(`mon.alarm.done.${action}`));
      void qc.invalidateQueries({ queryKey: monKeys.all });
      props.onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fieldProblems.length) form.setFields(err.fieldProblems.map((p) => ({ name: p.path as keyof Values, errors: [p.message] })));
      else showError(err);
    },
  });
  return (
    <Modal
      open={!!alarm && !!action}
      title={action ? `${t(`mon.alarm.act.${action}`)} · ${alarm?.site ?? ''}${alarm?.sensor ? `/${alarm.sensor}` : ''}` : ''}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={action ? t(`mon.alarm.act.${action}`) : undefined}
      confirmLoading={m.isPending}
      destroyOnHidden
    >
      {alarm && <p className="ka-muted">{alarm.message}</p>}
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} preserve={false} initialValues={{ cause: alarm?.cause ?? undefined, measures: alarm?.measures ?? undefined }}>
        {action === 'analyse' && (
          <>
            <Form.Item name="cause" label={t('mon.alarm.cause')} rules={[{ required: true, message: t('common.required', { field: t('mon.alarm.cause') }) }]}>
              <Radio.Group options={CAUSES.map((c) => ({ value: c, label: t(`mon.alarm.causes.${c}`) }))} />
            </Form.Item>
            <Form.Item name="measures" label={t('mon.alarm.measures')} rules={[{ required: true, whitespace: true, message: t('mon.alarm.measuresRequired') }]}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        )}
        {action !== 'escalate' && (
          <Form.Item name="note" label={t('mon.alarm.note')} rules={action === 'reject' ? [{ required: true, whitespace: true, message: t('mon.alarm.rejectNote') }] : []}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="action-note" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
