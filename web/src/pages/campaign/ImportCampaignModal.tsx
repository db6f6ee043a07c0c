import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import { api } from '../../api/client.ts';
import { useLedgerMutation } from './api.ts';
import type { Campaign } from './model.ts';

/** What POST /api/v1/campaigns/import returns (CampaignImportResult). */
interface ImportedTask {
  number: number;
  text: string;
  subItems?: { number: number; text: string; deadline?: string }[];
  deadline: string | null;
  deadlineText: string | null;
  responsible?: string;
  line: number;
}
interface ImportProblem {
  kind: string;
  numbers?: number[];
  line?: number;
  /** In Chinese (第13项缺号…). */
  message: string;
  messageEn: string;
}
interface ImportResult {
  tasks: ImportedTask[];
  problems: ImportProblem[];
}

type Source = { format: 'text' | 'csv' | 'xlsx'; content: string; name?: string };

/** A chosen file as the importer takes it: CSV (or text) as text, XLSX as base64. */
async function readFile(file: File): Promise<Source> {
  if (/\.xlsx$/i.test(file.name)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { format: 'xlsx', content: btoa(bin), name: file.name };
  }
  return { format: /\.csv$/i.test(file.name) ? 'csv' : 'text', content: await file.text(), name: file.name };
}

/**
 * 导入工作任务清单: the officer pastes the list (or chooses a CSV/XLSX file), the importer reads it and
 * reports its defects (缺号、重复、完成时限…) for review, and the reviewed tasks are saved as a campaign.
 */
export function ImportCampaignModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (c: Campaign) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [mode, setMode] = useState<'paste' | 'file'>('paste');
  const [file, setFile] = useState<Source | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [reading, setReading] = useState(false);
  const [id, setId] = useState(() => uuidv7());
  const save = useLedgerMutation((body: object) => api.post<Campaign & { tasks: number }>('/api/v1/campaigns', body));

  function reset() {
    form.resetFields();
    setFile(null);
    setResult(null);
    setId(uuidv7());
  }

  async function read() {
    const text = String(form.getFieldValue('text') ?? '');
    const source: Source | null = mode === 'file' ? file : text.trim() ? { format: 'text', content: text } : null;
    if (!source) return void message.warning(t('ledger.imp.nothing'));
    setReading(true);
    try {
      setResult(await api.post<ImportResult>('/api/v1/campaigns/import', { format: source.format, content: source.content }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setReading(false);
    }
  }

  async function submit() {
    if (!result) return;
    const v = await form.validateFields(['name', 'year', 'document']);
    try {
      const c = (await save.mutateAsync({
        id,
        name: v.name,
        year: v.year ?? null,
        document: v.document || null,
        tasks: result.tasks.map((x) => ({ number: x.number, text: x.text, subItems: x.subItems, deadline: x.deadline, deadlineText: x.deadlineText, responsible: x.responsible ?? null })),
      })) as Campaign & { tasks: number };
      message.success(t('ledger.imp.saved', { n: c.tasks }));
      reset();
      onSaved(c);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const numbers = (ns?: number[]) => (ns ?? []).map((n) => t('ledger.imp.item', { n })).join('、');
  return (
    <Modal
      open={open}
      title={t('ledger.imp.title')}
      width={960}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel', { defaultValue: '取消' })}</Button>
          <Button onClick={read} loading={reading} data-testid="import-read">
            {t('ledger.imp.read')}
          </Button>
          <Button type="primary" disabled={!result || result.tasks.length === 0} loading={save.isPending} onClick={submit} data-testid="import-save">
            {t('ledger.imp.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" data-testid="campaign-import">
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="name" label={t('ledger.imp.name')} rules={[{ required: true, max: 200 }]} style={{ minWidth: 320 }}>
            <Input placeholder="山西省非煤矿山安全生产专项整治三年行动" />
          </Form.Item>
          <Form.Item name="year" label={t('ledger.imp.year')}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="document" label={t('ledger.imp.document')} rules={[{ max: 200 }]}>
            <Input placeholder="晋应急函〔2022〕136号" />
          </Form.Item>
        </Space>
        <Radio.Group value={mode} onChange={(e) => (setMode(e.target.value), setResult(null))} style={{ marginBottom: 12 }}>
          <Radio.Button value="paste">{t('ledger.imp.paste')}</Radio.Button>
          <Radio.Button value="file">{t('ledger.imp.file')}</Radio.Button>
        </Radio.Group>
        {mode === 'paste' ? (
          <Form.Item name="text" label={t('ledger.imp.text')} extra={t('ledger.imp.textHint')}>
            <Input.TextArea rows={8} onChange={() => setResult(null)} />
          </Form.Item>
        ) : (
          <Form.Item label={t('ledger.imp.file')}>
            <Upload
              accept=".csv,.txt,.xlsx"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                void readFile(f).then((s) => (setFile(s), setResult(null)));
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('ledger.imp.chooseFile')}</Button>
            </Upload>
            {file && <span style={{ marginLeft: 12 }}>{file.name}</span>}
          </Form.Item>
        )}
      </Form>
      {result && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="import-result">
          <Alert type={result.problems.length ? 'warning' : 'success'} showIcon message={`${t('ledger.imp.tasks', { n: result.tasks.length })}；${result.problems.length ? t('ledger.imp.problems', { n: result.problems.length }) : t('ledger.imp.noProblems')}`} />
          {result.problems.length > 0 && (
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              pagination={false}
              scroll={{ x: 640, y: 240 }}
              data-testid="import-problems"
              dataSource={result.problems}
              columns={[
                { title: t('ledger.imp.kind'), key: 'kind', width: 150, render: (_, p) => <Tag color="orange">{t(`ledger.imp.kinds.${p.kind}`, { defaultValue: p.kind })}</Tag> },
                { title: t('ledger.imp.numbers'), key: 'numbers', width: 140, render: (_, p) => numbers(p.numbers) || '—' },
                { title: t('ledger.imp.line'), dataIndex: 'line', width: 60 },
                { title: t('ledger.imp.message'), key: 'message', render: (_, p) => (i18n.language === 'en' ? p.messageEn : p.message) },
              ]}
            />
          )}
          <Table
            size="small"
            rowKey="number"
            pagination={false}
            scroll={{ x: 640, y: 320 }}
            data-testid="import-tasks"
            dataSource={result.tasks}
            columns={[
              { title: t('ledger.number'), dataIndex: 'number', width: 60 },
              { title: t('ledger.task'), key: 'text', render: (_, x) => (x.subItems?.length ? <>{x.text} <Tag>{t('ledger.imp.subItems', { n: x.subItems.length })}</Tag></> : x.text) },
              { title: t('ledger.deadline'), key: 'deadline', width: 140, render: (_, x) => x.deadline ?? x.deadlineText ?? '—' },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
