import { useEffect, useState } from 'react';
import { Col, Divider, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import type { Site } from '../../api/types.ts';
import { useUser } from '../../auth/auth.tsx';
import { EnterpriseSelect } from '../../components/EnterpriseSelect.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { showConflict, showSuccess } from '../../components/feedback.ts';
import { applyServerErrors } from '../../components/serverErrors.ts';
import { changedFields, compact } from '../../lib/forms.ts';
import { DAM_TYPES, MINERALS, SITE_KINDS, SITE_STATUSES } from '../../lib/labels.ts';
import { ENTERPRISE_ROLES } from '../../lib/permissions.ts';

export const POND_FIELDS = ['damType', 'damHeight', 'totalStorage', 'crestElevation', 'headsUp', 'residentsDistance', 'isNew'];
const MINE_NUMBERS = ['designCapacity', 'actualCapacity', 'depth', 'peopleUnderground', 'lng', 'lat'] as const;
const FIELD_NAMES = [
  'code', 'name', 'kind', 'region', 'enterprise', 'status', 'minerals', 'miningMethod', 'designCapacity', 'actualCapacity', 'depth',
  'peopleUnderground', 'standardGrade', 'miningLicence', 'safetyLicence', 'lng', 'lat', ...POND_FIELDS,
].map((f) => [f]);

/** Registers a mine or tailings pond, or edits one with the version it was read at. */
export function SiteFormModal({ open, site, onClose, onSaved, defaults, enterpriseLabel }: { open: boolean; site?: Site; onClose: () => void; onSaved?: (s: Site) => void; defaults?: Partial<Site>; enterpriseLabel?: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const kind = Form.useWatch('kind', form);
  // Enterprise users may edit their sites but not move them to another enterprise or region.
  const placementLocked = !!site && ENTERPRISE_ROLES.includes(user.role);

  // The record as it was when the form opened: the edit is compared with it and saved against its
  // version. A background refetch (another user's change arriving live) must not move the version
  // under the user's feet, or their save would silently overwrite a change they never saw.
  const [baseline, setBaseline] = useState<Site | undefined>(site);
  useEffect(() => {
    if (!open) return;
    setBaseline(site);
    form.resetFields();
    form.setFieldsValue(site ?? { kind: 'tailings_pond', ...defaults });
    // Only on opening: a background refetch must not wipe what the user is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  async function submit(values: Record<string, unknown>) {
    const v = { ...values };
    if (v.kind !== 'tailings_pond') for (const f of POND_FIELDS) delete v[f];
    setBusy(true);
    try {
      let saved: Site;
      if (site && baseline) {
        const patch = changedFields(baseline, v);
        if (Object.keys(patch).length === 0) {
          showSuccess(t('common.noChange'));
          onClose();
          return;
        }
        saved = await api.patch<Site>(`/api/v1/sites/${baseline.id}`, { ...patch, version: baseline.version });
        showSuccess(t('common.saved'));
      } else {
        saved = await api.post<Site>('/api/v1/sites', compact(v));
        showSuccess(t('common.created'));
      }
      await qc.invalidateQueries({ queryKey: ['sites'] });
      await qc.invalidateQueries({ queryKey: ['site'] });
      await qc.invalidateQueries({ queryKey: ['enterprises'] });
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && site) {
        showConflict(err.message, async () => {
          await qc.invalidateQueries({ queryKey: ['site'] });
          onClose();
        });
      } else applyServerErrors(form, err, FIELD_NAMES);
    } finally {
      setBusy(false);
    }
  }

  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const yesNo = [
    { value: true, label: t('common.yes') },
    { value: false, label: t('common.no') },
  ];
  const num = (name: string, props: { min?: number; max?: number; precision?: number } = {}) => (
    <Col xs={12} md={8} key={name}>
      <Form.Item name={name} label={t(`site.${name}`)}>
        <InputNumber style={{ width: '100%' }} {...props} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open={open}
      title={site ? `${t('site.edit')} · ${site.name}` : t('site.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={860}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="site-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('site.code')} rules={req(t('site.code'))}>
              <Input maxLength={64} disabled={placementLocked} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('site.name')} rules={req(t('site.name'))}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('site.kind')} rules={req(t('site.kind'))}>
              <Select disabled={placementLocked} options={SITE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="region" label={t('site.region')} rules={req(t('site.region'))}>
              <RegionSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="enterprise" label={t('site.enterprise')} rules={req(t('site.enterprise'))}>
              <EnterpriseSelect initialLabel={enterpriseLabel ?? site?.enterpriseName} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('site.status')}>
              <Select allowClear options={SITE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="minerals" label={t('site.minerals')} tooltip={t('site.mineralsHint')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} options={MINERALS.map((m) => ({ value: m, label: t(`mineral.${m}`) }))} optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="standardGrade" label={t('site.standardGrade')}>
              <Select allowClear options={[1, 2, 3].map((n) => ({ value: n, label: t('site.standardGradeN', { n }) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="miningMethod" label={t('site.miningMethod')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="miningLicence" label={t('site.miningLicence')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="safetyLicence" label={t('site.safetyLicence')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {MINE_NUMBERS.map((f) => num(f, f === 'peopleUnderground' ? { min: 0, precision: 0 } : f === 'lng' || f === 'lat' ? { precision: 6 } : { min: 0 }))}
        </Row>
        {kind === 'tailings_pond' && (
          <>
            <Divider titlePlacement="start" plain>
              {t('site.pond')}
            </Divider>
            <Row gutter={16}>
              <Col xs={12} md={8}>
                <Form.Item name="damType" label={t('site.damType')}>
                  <Select allowClear options={DAM_TYPES.map((d) => ({ value: d, label: t(`damType.${d}`) }))} />
                </Form.Item>
              </Col>
              {num('damHeight', { min: 0 })}
              {num('totalStorage', { min: 0 })}
              {num('crestElevation')}
              {num('residentsDistance', { min: 0 })}
              <Col xs={12} md={4}>
                <Form.Item name="headsUp" label={t('site.headsUp')}>
                  <Select allowClear options={yesNo} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name="isNew" label={t('site.isNew')}>
                  <Select allowClear options={yesNo} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
      </Form>
    </Modal>
  );
}
