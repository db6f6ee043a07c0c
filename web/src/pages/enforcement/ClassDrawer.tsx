import { App, Button, Descriptions, Drawer, Empty, Form, Input, Select, Space, Spin, Tag, Timeline } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { showError } from '../../components/feedback.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatTime } from '../../lib/format.ts';
import { can } from '../../lib/permissions.ts';
import { CLASS_COLOR, CLASS_LIST, useClass, type ClassItem, type SupervisionClass } from './supervisionApi.ts';

export function ClassTag({ c }: { c: SupervisionClass }) {
  const { t } = useTranslation();
  return <Tag color={CLASS_COLOR[c]}>{t(`sup.classes.classLabel.${c}`)}</Tag>;
}

/** One enterprise's class: how it was reached, the override form (officers) and every override made. */
export function ClassDrawer({ enterprise, onClose }: { enterprise: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const qc = useQueryClient();
  const q = useClass(enterprise ?? undefined);
  const [form] = Form.useForm<{ class: SupervisionClass; reason: string }>();
  const manage = can(user.role, 'enforcement.manage');
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { class: SupervisionClass | null; reason: string }) => api.post<ClassItem>(`/api/v1/enforcement/classes/${enterprise}/override`, v),
    onSuccess: () => {
      message.success(t('sup.classes.saved'));
      form.resetFields(['reason']);
      void qc.invalidateQueries({ queryKey: ['enf'] });
    },
    onError: showError,
  });
  const c = q.data;
  const history = [...(c?.history ?? [])].reverse();
  return (
    <Drawer open={!!enterprise} onClose={onClose} title={c?.enterpriseName ?? t('sup.classes.title')} size={520} styles={{ wrapper: { maxWidth: '100vw' } }} destroyOnHidden>
      {q.isLoading && <Spin />}
      {q.isError && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {c && (
        <div data-testid="class-drawer">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('sup.classes.class')}>
              <span data-testid="drawer-class">
                <ClassTag c={c.class} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('sup.classes.computed')}>
              <ClassTag c={c.computedClass} /> {t('sup.classes.score')} {c.score}
            </Descriptions.Item>
            <Descriptions.Item label={t('sup.classes.perYear')}>{t('sup.classes.perYearN', { n: c.inspectionsPerYear })}</Descriptions.Item>
          </Descriptions>
          {manage && (
            <Form form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={{ class: c.class }} onFinish={(v) => save.mutate(v)} data-testid="override-form">
              <Form.Item name="class" label={t('sup.classes.newClass')} rules={[{ required: true }]}>
                <Select data-testid="override-class" options={CLASS_LIST.map((x) => ({ value: x, label: t(`sup.classes.classLabel.${x}`) }))} />
              </Form.Item>
              <Form.Item name="reason" label={t('sup.classes.reason')} rules={[{ required: true, whitespace: true, message: t('sup.classes.reasonRequired') }]}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="override-reason" />
              </Form.Item>
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="override-submit">
                  {t('sup.classes.override')}
                </Button>
                {c.override && (
                  <Button
                    onClick={() =>
                      form
                        .validateFields(['reason'])
                        .then((v) => save.mutate({ class: null, reason: v.reason }))
                        .catch(() => undefined)
                    }
                  >
                    {t('sup.classes.withdraw')}
                  </Button>
                )}
              </Space>
            </Form>
          )}
          <h3 style={{ marginTop: 24 }}>{t('sup.classes.history')}</h3>
          {history.length === 0 ? (
            <Empty description={t('sup.classes.noHistory')} />
          ) : (
            <Timeline
              data-testid="override-history"
              items={history.map((h, i) => ({
                key: i,
                children: (
                  <div style={{ overflowWrap: 'anywhere' }}>
                    <b>{t(`sup.classes.op.${h.action}`, { defaultValue: h.action })}</b> {h.from && h.to ? `${h.from} → ${h.to}` : ''}
                    <div className="ka-muted" style={{ fontSize: 12 }}>{formatTime(h.at)} · {h.by ?? '—'}</div>
                    <div>{h.reason}</div>
                  </div>
                ),
              }))}
            />
          )}
        </div>
      )}
    </Drawer>
  );
}
