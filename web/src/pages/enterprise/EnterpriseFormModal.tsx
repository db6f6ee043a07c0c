import { useEffect, useState } from 'react';
import { Col, Form, Input, Modal, Row } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import type { Enterprise } from '../../api/types.ts';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { showConflict, showSuccess } from '../../components/feedback.ts';
import { applyServerErrors } from '../../components/serverErrors.ts';
import { changedFields, compact } from '../../lib/forms.ts';

const FIELDS = [['name'], ['creditCode'], ['region'], ['address'], ['principal', 'name'], ['principal', 'phone'], ['safetyOfficer', 'name'], ['safetyOfficer', 'phone']];

/** Creates an enterprise, or edits one with the version it was read at (乐观锁). */
export function EnterpriseFormModal({ open, enterprise, onClose, onSaved }: { open: boolean; enterprise?: Enterprise; onClose: () => void; onSaved?: (e: Enterprise) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();

  // The record as it was when the form opened: the edit is compared with it and saved against its
  // version, so a background refetch cannot turn another user's change into a silent overwrite.
  const [baseline, setBaseline] = useState<Enterprise | undefined>(enterprise);
  useEffect(() => {
    if (!open) return;
    setBaseline(enterprise);
    form.resetFields();
    if (enterprise) form.setFieldsValue(enterprise);
    // Only on opening: a background refetch must not wipe what the user is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    try {
      let saved: Enterprise;
      if (enterprise && baseline) {
        const patch = changedFields(baseline, values);
        if (Object.keys(patch).length === 0) {
          showSuccess(t('common.noChange'));
          onClose();
          return;
        }
        saved = await api.patch<Enterprise>(`/api/v1/enterprises/${baseline.id}`, { ...patch, version: baseline.version });
        showSuccess(t('common.saved'));
      } else {
        saved = await api.post<Enterprise>('/api/v1/enterprises', compact(values));
        showSuccess(t('common.created'));
      }
      await qc.invalidateQueries({ queryKey: ['enterprises'] });
      await qc.invalidateQueries({ queryKey: ['enterprise', saved.id] });
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && enterprise) {
        showConflict(err.message, async () => {
          await qc.invalidateQueries({ queryKey: ['enterprise', enterprise.id] });
          onClose();
        });
      } else applyServerErrors(form, err, FIELDS);
    } finally {
      setBusy(false);
    }
  }

  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Modal
      open={open}
      title={enterprise ? t('enterprise.edit') : t('enterprise.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={720}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="enterprise-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('enterprise.name')} rules={req(t('enterprise.name'))}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label={t('enterprise.creditCode')}
              rules={[...req(t('enterprise.creditCode')), { len: 18, message: t('enterprise.creditCodeHint') }]}
              normalize={(v: string) => v?.toUpperCase()}
            >
              <Input maxLength={18} placeholder={t('enterprise.creditCodeHint')} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="region" label={t('enterprise.region')} rules={req(t('enterprise.region'))}>
              <RegionSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('enterprise.address')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['principal', 'name']} label={t('enterprise.principal')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['principal', 'phone']} label={t('enterprise.principalPhone')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['safetyOfficer', 'name']} label={t('enterprise.safetyOfficer')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['safetyOfficer', 'phone']} label={t('enterprise.safetyOfficerPhone')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
