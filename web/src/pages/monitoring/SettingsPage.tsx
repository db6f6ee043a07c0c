import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Space, Spin, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { HistoryTable } from '../../components/HistoryTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { showConflict, showSuccess } from '../../components/feedback.ts';
import { applyServerErrors } from '../../components/serverErrors.ts';
import { showValue } from '../../lib/history.ts';
import { can } from '../../lib/permissions.ts';
import { AggregationCard, EscalationCard, NotifyCard, OfflineCard, RetentionCard } from './SettingsSections.tsx';
import { LEVELS, UNITS, cleaned, leafPaths, localMessage, overlay, settingsPatch, toShown, type MonitoringConfig, type SettingsView } from './settingsForm.ts';

const PATH = '/api/v1/monitoring/settings';
const KEY = ['mon', 'settings'] as const;

/**
 * 监测设置: every rule parameter of online monitoring with its unit, meaning and source. Administrators
 * change them (with the version read, so a change made meanwhile by someone else is not overwritten);
 * everyone else who reads monitoring sees the same page read-only.
 */
export default function SettingsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  // The settings hold for every region: an administrator bound to one reads them, masked, like an officer.
  const editable = can(user.role, 'settings.manage') && !user.region && !user.enterprise;
  const qc = useQueryClient();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<SettingsView>(PATH) });
  // Untyped field names: server refusals and changed values name them as plain paths.
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const view = q.data;

  // The form follows the stored settings when they change (loaded, saved, reloaded after a conflict),
  // not on a background refetch of the same version, which would wipe what is being typed.
  useEffect(() => {
    if (!view) return;
    form.resetFields();
    form.setFieldsValue(view.values);
    setDirty(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view?.version, view !== undefined]);

  /** After a conflict: the stored settings replace what was typed, even when a background refetch already brought their version. */
  async function reload() {
    const r = await q.refetch();
    if (!r.data) return;
    form.resetFields();
    form.setFieldsValue(r.data.values);
    setDirty(false);
  }

  async function submit(values: MonitoringConfig) {
    if (!view) return;
    const patch = settingsPatch(view.values, cleaned(overlay(view.values, values)));
    if (Object.keys(patch).length === 0) return showSuccess(t('common.noChange'));
    setBusy(true);
    try {
      const saved = await api.patch<SettingsView>(PATH, { ...patch, version: view.version });
      qc.setQueryData(KEY, saved);
      message.success(t('mon.settings.saved', { v: saved.version }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) showConflict(t('mon.settings.conflict'), reload);
      else applyServerErrors(form, localised(err, i18n.language), form.getFieldsError().map((f) => f.name as string[]));
    } finally {
      setBusy(false);
    }
  }

  const valueOf = (field: string, v: unknown): string | undefined => {
    const u = UNITS[field];
    if (u && typeof v === 'number') return `${toShown(v, u)} ${t(`mon.settings.unit.${u.unit}`)}`.trim();
    if (typeof v === 'string' && (LEVELS as string[]).includes(v)) return t(`mon.level.${v}`);
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (field === 'webhooks' && Array.isArray(v)) return v.map((w: { url: string; minLevel: string }) => `${w.url} ≥ ${t(`mon.level.${w.minLevel}`)}`).join('; ') || '—';
    return showValue(v);
  };

  return (
    <div data-testid="settings-page">
      <PageTitle title={t('mon.settings.title')} extra={view && <Tag data-testid="settings-version">{t('mon.settings.version', { v: view.version })}</Tag>} />
      {!editable && <Alert type="info" showIcon message={t('mon.settings.readOnly')} style={{ marginBottom: 12 }} data-testid="settings-readonly" />}
      {!view ? (
        <div style={{ padding: 48, textAlign: 'center' }}>{q.isError ? <Alert type="error" message={(q.error as Error).message} /> : <Spin />}</div>
      ) : (
        <Form
          form={form}
          name="settings"
          layout="vertical"
          disabled={!editable}
          onFinish={submit}
          onValuesChange={(changed) => {
            setDirty(true);
            // A value edited after a refusal is no longer the refused one.
            form.setFields(leafPaths(changed).map((name) => ({ name, errors: [] })));
          }}
          data-testid="settings-form"
        >
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <EscalationCard view={view} />
            <OfflineCard view={view} />
            <AggregationCard view={view} />
            <RetentionCard view={view} />
            <NotifyCard view={view} editable={editable} />
            {editable && (
              <div style={{ position: 'sticky', bottom: 0, zIndex: 5, background: '#fff', padding: '8px 12px', borderTop: '1px solid #f0f0f0', display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
                <Button disabled={!dirty || busy} onClick={() => (form.resetFields(), form.setFieldsValue(view.values), setDirty(false))} data-testid="settings-reset">
                  {t('mon.settings.reset')}
                </Button>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="settings-save">
                  {t('mon.settings.save')}
                </Button>
              </div>
            )}
            <Card size="small" title={t('mon.settings.history')}>
              <HistoryTable path={`${PATH}/history`} version={view.version} labelOf={(f) => t(`mon.settings.f.${f}`, { defaultValue: f })} valueOf={valueOf} />
            </Card>
          </Space>
        </Form>
      )}
    </div>
  );
}

/** The refusal with each field's message in the page's language. */
function localised(err: unknown, lang: string): unknown {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return err;
  return new ApiError(err.status, err.code, err.message, err.fieldProblems.map((p) => ({ path: p.path, message: localMessage(p.message, lang) })));
}
