import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Slider } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { assignTask, passOn, report, review, taskAction, useLedgerMutation } from './api.ts';
import { ACTION_FIELDS, type Assignment, type Task } from './model.ts';

/** What the modal does: a step of a task's loop, an assignment down, a report, or a return. */
export type LedgerAction =
  | { kind: 'task'; task: Task; action: string }
  | { kind: 'assign'; task: Task }
  | { kind: 'passOn'; assignment: Assignment }
  | { kind: 'report'; assignment: Assignment }
  | { kind: 'return'; assignment: Assignment };

const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

export function LedgerActionModal({ action, onClose }: { action: LedgerAction | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [target, setTarget] = useState<'region' | 'enterprise'>('region');
  const run = useLedgerMutation(async (v: Record<string, unknown>) => {
    if (!action) return;
    if (action.kind === 'task') {
      const f = ACTION_FIELDS[action.action];
      const body: Record<string, unknown> = { version: action.task.version };
      if (f === 'handle') Object.assign(body, { owner: v.owner || undefined, deadline: day(v.deadline as Dayjs) });
      if (f === 'supervision') body.supervision = { by: v.by, what: v.what, deadline: day(v.supDeadline as Dayjs) };
      if (f === 'visit') body.visit = { by: v.visitBy, findings: v.findings };
      if (f === 'evaluation') body.evaluation = { conclusion: v.conclusion, score: v.score ?? null };
      if (f === 'notice') body.notice = v.notice || null;
      if (f === 'reason') body.reason = v.reason;
      return taskAction(action.task.id, action.action, body);
    }
    if (action.kind === 'assign' || action.kind === 'passOn') {
      const body = { [target]: String(v.to).trim(), deadline: day(v.deadline as Dayjs) };
      return action.kind === 'assign' ? assignTask(action.task.id, body) : passOn(action.assignment.id, body);
    }
    if (action.kind === 'report') return report(action.assignment.id, { version: action.assignment.version, progress: v.progress, text: v.text || null });
    return review(action.assignment.id, 'return', { version: action.assignment.version, reason: v.reason });
  });

  if (!action) return null;
  const fields = action.kind === 'task' ? ACTION_FIELDS[action.action] : null;
  const title =
    action.kind === 'task' ? t(`ledger.act.${action.action}`) : action.kind === 'assign' ? t('ledger.assign') : action.kind === 'passOn' ? t('ledger.passOn') : action.kind === 'report' ? t('ledger.report') : t('ledger.return');

  async function submit() {
    const v = await form.validateFields();
    try {
      await run.mutateAsync(v);
      message.success(t('ledger.done'));
      form.resetFields();
      onClose();
    } catch (err) {
      const e = err as ApiError;
      const state = (e.details as { state?: string; current?: { state?: string } } | undefined)?.current?.state ?? (e.details as { state?: string } | undefined)?.state;
      message.error(e.status === 409 && state ? t('ledger.conflict', { state }) : e.message);
    }
  }

  const req = [{ required: true }];
  return (
    <Modal open title={title} onCancel={onClose} onOk={submit} confirmLoading={run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ progress: action.kind === 'report' ? Math.max(action.assignment.progress, 0) : undefined }}>
        {fields === 'handle' && (
          <>
            <Form.Item name="owner" label={t('ledger.owner')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="deadline" label={t('ledger.deadline')}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {fields === 'supervision' && (
          <>
            <Form.Item name="by" label={t('ledger.field.by')} rules={req}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="what" label={t('ledger.field.what')} rules={req}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="supDeadline" label={t('ledger.field.supDeadline')} rules={req}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {fields === 'visit' && (
          <>
            <Form.Item name="visitBy" label={t('ledger.field.visitBy')} rules={req}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="findings" label={t('ledger.field.findings')} rules={req}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </>
        )}
        {fields === 'evaluation' && (
          <>
            <Form.Item name="conclusion" label={t('ledger.field.conclusion')} rules={req}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item name="score" label={t('ledger.field.score')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
          </>
        )}
        {fields === 'notice' && (
          <Form.Item name="notice" label={t('ledger.field.notice')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        )}
        {(fields === 'reason' || action.kind === 'return') && (
          <Form.Item name="reason" label={action.kind === 'return' ? t('ledger.returnReason') : t('ledger.field.reason')} rules={req}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {(action.kind === 'assign' || action.kind === 'passOn') && (
          <>
            <Radio.Group value={target} onChange={(e) => setTarget(e.target.value)} style={{ marginBottom: 12 }}>
              <Radio.Button value="region">{t('ledger.region')}</Radio.Button>
              <Radio.Button value="enterprise">{t('ledger.enterprise')}</Radio.Button>
            </Radio.Group>
            <Form.Item name="to" label={target === 'region' ? t('ledger.region') : t('ledger.enterprise')} rules={target === 'region' ? [{ required: true, pattern: /^\d{6}$/ }] : req}>
              <Input maxLength={64} placeholder={target === 'region' ? '140105' : ''} />
            </Form.Item>
            <Form.Item name="deadline" label={t('ledger.deadline')} rules={req}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {action.kind === 'report' && (
          <>
            <Form.Item name="progress" label={t('ledger.progress')} rules={req}>
              <Slider min={0} max={100} marks={{ 0: '0%', 50: '50%', 100: '100%' }} />
            </Form.Item>
            <Form.Item name="text" label={t('ledger.evidence')} rules={req}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
