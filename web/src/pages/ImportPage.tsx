import { useState } from 'react';
import { Alert, Button, Card, Radio, Space, Table, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { ImportResult } from '../api/types.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { showError } from '../components/feedback.ts';
import { decodeCsv, importFormat, toBase64 } from '../lib/files.ts';

type Kind = 'enterprises' | 'sites';
const MAX_BYTES = 10 * 1024 * 1024;

export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>('enterprises');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function downloadTemplate() {
    try {
      const text = await api.text(`/api/v1/import/templates/${kind}.csv`);
      // A BOM so that Excel opens the Chinese headers as UTF-8.
      const blob = new Blob(['\uFEFF', text.replace(/^\uFEFF/, '')], { type: 'text/csv;charset=utf-8' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${kind}-template.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (err) {
      showError(err);
    }
  }

  async function run() {
    if (!file) return showError(new Error(t('import.pick')));
    const format = importFormat(file.name);
    if (!format) return showError(new Error(`${file.name}: CSV / XLSX`));
    if (file.size > MAX_BYTES) return showError(new Error(t('import.tooBig')));
    setBusy(true);
    setResult(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const content = format === 'csv' ? decodeCsv(bytes) : toBase64(bytes);
      const r = await api.post<ImportResult>(`/api/v1/import/${kind}`, { format, content });
      setResult(r);
      await qc.invalidateQueries({ queryKey: [kind] });
      await qc.invalidateQueries({ queryKey: ['total'] });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  // "principal.name" → 主要负责人; a column the dictionary does not know is shown as sent.
  const fieldLabel = (f: string | null) => {
    if (!f) return '—';
    const ns = kind === 'enterprises' ? 'enterprise' : 'site';
    const key = f === 'principal.phone' ? 'principalPhone' : f === 'safetyOfficer.phone' ? 'safetyOfficerPhone' : f.split('.')[0]!;
    return i18n.exists(`${ns}.${key}`) ? t(`${ns}.${key}`) : f;
  };
  const fileList: UploadFile[] = file ? [{ uid: '1', name: file.name, status: 'done' }] : [];
  return (
    <>
      <PageTitle title={t('import.title')} />
      <Card>
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('import.hint')} />
          <Space wrap>
            <span>{t('import.what')}：</span>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                setResult(null);
              }}
              optionType="button"
              options={[
                { value: 'enterprises', label: t('import.enterprises') },
                { value: 'sites', label: t('import.sites') },
              ]}
            />
            <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
              {t('import.template')}
            </Button>
          </Space>
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              setFile(f);
              setResult(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('import.file')}</p>
          </Upload.Dragger>
          <Button type="primary" icon={<UploadOutlined />} loading={busy} disabled={!file} onClick={run}>
            {t('import.run')}
          </Button>
          {result && (
            <Card type="inner" title={t('import.result')}>
              <Alert
                type={result.errors.length ? 'warning' : 'success'}
                showIcon
                title={`${t('import.created', { n: result.created })}${result.errors.length ? `；${t('import.errors', { n: new Set(result.errors.map((e) => e.line)).size })}` : `；${t('import.none')}`}`}
                style={{ marginBottom: 12 }}
              />
              {result.errors.length > 0 && (
                <Table
                  size="small"
                  rowKey={(r) => `${r.line}-${r.field}-${r.reason}`}
                  dataSource={result.errors}
                  scroll={{ x: 'max-content' }}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  columns={[
                    { title: t('import.line'), dataIndex: 'line', width: 80 },
                    { title: t('import.field'), dataIndex: 'field', width: 160, render: (v: string | null) => fieldLabel(v) },
                    { title: t('import.reason'), dataIndex: 'reason' },
                  ]}
                />
              )}
            </Card>
          )}
        </Space>
      </Card>
    </>
  );
}
