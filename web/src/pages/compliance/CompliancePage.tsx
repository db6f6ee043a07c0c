import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Popover, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, request } from '../../api/client.ts';
import { useUser } from '../../auth/auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import { showConflict, showError } from '../../components/feedback.ts';
import { formatTime } from '../../lib/format.ts';
import { cmpKeys, useFindings, useLastRun, useRules, type Candidate, type Finding, type FindingState, type FindingTask, type Rule } from './api.ts';
import { RiverMapTab } from './RiverMapTab.tsx';

const SIZE = 20;
const STATE_COLOR: Record<FindingState, string> = { new: 'red', acknowledged: 'orange', resolved: 'green', waived: 'default' };
const OFFICERS = ['admin', 'province_officer', 'city_officer', 'county_officer'];

/** 合规检查: findings of the campaign's rules in the user's scope, and the rule catalogue with its sources. */
export default function CompliancePage() {
  const { t } = useTranslation();
  const [f, setF] = useUrlState(['tab'] as const);
  return (
    <>
      <PageTitle title={t('cmp.title')} extra={<RunButton />} />
      <Tabs
        activeKey={f.tab ?? 'findings'}
        onChange={(tab) => setF({ tab })}
        items={[
          { key: 'findings', label: t('cmp.tabs.findings'), children: <FindingsTab /> },
          { key: 'rules', label: t('cmp.tabs.rules'), children: <RulesTab /> },
          { key: 'map', label: t('cmp.map.tab'), children: <RiverMapTab /> },
        ]}
      />
    </>
  );
}

function RunButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const qc = useQueryClient();
  const last = useLastRun();
  const run = useMutation({
    mutationFn: () => api.post<{ summary: { added: number; resolved: number; reopened: number } }>('/api/v1/compliance/run'),
    onSuccess: (r) => {
      void message.success(t('cmp.ran', r.summary));
      void qc.invalidateQueries({ queryKey: cmpKeys.all });
    },
    onError: showError,
  });
  return (
    <Space>
      <Typography.Text type="secondary">{last.data ? t('cmp.lastRun', { at: formatTime(last.data.startedAt), trigger: t(`cmp.trigger.${last.data.trigger}`) }) : t('cmp.never')}</Typography.Text>
      {OFFICERS.includes(user.role) && (
        <Button type="primary" loading={run.isPending} onClick={() => run.mutate()}>
          {t('cmp.run')}
        </Button>
      )}
    </Space>
  );
}

function Evidence({ value }: { value: Record<string, unknown> }) {
  return <pre style={{ maxWidth: 480, maxHeight: 320, overflow: 'auto', margin: 0, fontSize: 12 }}>{JSON.stringify(value, null, 2)}</pre>;
}

function FindingsTab() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const rules = useRules();
  const [f, setF] = useUrlState(['rule', 'state', 'page'] as const);
  const page = Number(f.page ?? 1);
  const list = useFindings({ rule: f.rule, state: f.state, limit: SIZE, offset: (page - 1) * SIZE });
  const [waiving, setWaiving] = useState<Finding | null>(null);
  const [raising, setRaising] = useState<Finding | null>(null);
  const [reason, setReason] = useState('');
  const ruleName = (id: string) => {
    const r = rules.data?.find((x) => x.id === id);
    return r ? (i18n.language.startsWith('zh') ? r.zh : r.en) : id;
  };
  const act = useMutation({
    mutationFn: (v: { finding: Finding; action: 'ack' | 'waive' | 'resolve'; reason?: string }) =>
      api.post<Finding>(`/api/v1/compliance/findings/${v.finding.id}/${v.action}`, { version: v.finding.version, ...(v.reason ? { reason: v.reason } : {}) }),
    onSuccess: () => {
      setWaiving(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: cmpKeys.all });
    },
    onError: (err) => (err instanceof ApiError && err.status === 409 ? showConflict(err.message, () => qc.invalidateQueries({ queryKey: cmpKeys.all })) : showError(err)),
  });
  const mayAct = OFFICERS.includes(user.role);
  const columns: TableColumnsType<Finding> = [
    { title: t('cmp.rule'), dataIndex: 'rule', width: 220, render: (id: string) => <Typography.Text ellipsis={{ tooltip: ruleName(id) }}>{ruleName(id)}</Typography.Text> },
    { title: t('cmp.site'), dataIndex: 'siteName', width: 180, render: (_, r) => r.siteName ?? r.region },
    { title: t('cmp.message'), dataIndex: 'message' },
    { title: t('cmp.evidence'), dataIndex: 'evidence', width: 90, render: (e: Record<string, unknown>) => <Popover content={<Evidence value={e} />}><Button size="small">{t('cmp.evidence')}</Button></Popover> },
    { title: t('cmp.state'), dataIndex: 'state', width: 100, render: (s: FindingState, r) => <Tag color={STATE_COLOR[s]} title={r.reason ?? undefined}>{t(`cmp.states.${s}`)}</Tag> },
    { title: t('cmp.firstSeen'), dataIndex: 'firstSeen', width: 150, render: (v: number) => formatTime(v) },
    {
      title: t('cmp.task.column'),
      dataIndex: 'tasks',
      width: 150,
      render: (tasks: FindingTask[] | undefined) => (tasks ?? []).map((x) => <Tag key={x.task} title={`${x.campaignName}：${x.text}${x.deadline ? `（${x.deadline}）` : ''}`}>{x.number}</Tag>),
    },
  ];
  if (mayAct) {
    columns.push({
      title: t('cmp.actions'),
      width: 300,
      render: (_, r) => (
        <Space size="small">
          {r.state === 'new' && <Button size="small" onClick={() => act.mutate({ finding: r, action: 'ack' })}>{t('cmp.act.ack')}</Button>}
          {(r.state === 'new' || r.state === 'acknowledged') && <Button size="small" onClick={() => setWaiving(r)}>{t('cmp.act.waive')}</Button>}
          {r.state !== 'resolved' && <Button size="small" onClick={() => act.mutate({ finding: r, action: 'resolve' })}>{t('cmp.act.resolve')}</Button>}
          {r.state !== 'resolved' && <Button size="small" onClick={() => setRaising(r)}>{t('cmp.task.raise')}</Button>}
        </Space>
      ),
    });
  }
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('cmp.allRules')} style={{ width: 280 }} value={f.rule} onChange={(rule) => setF({ rule, page: undefined })} options={(rules.data ?? []).map((r) => ({ value: r.id, label: ruleName(r.id) }))} />
        <Select allowClear placeholder={t('cmp.allStates')} style={{ width: 140 }} value={f.state} onChange={(state) => setF({ state, page: undefined })} options={(['new', 'acknowledged', 'resolved', 'waived'] as const).map((s) => ({ value: s, label: t(`cmp.states.${s}`) }))} />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1000 }}
        pagination={{ current: page, pageSize: SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setF({ page: String(p) }) }}
      />
      <Modal open={!!waiving} title={t('cmp.act.waive')} onCancel={() => setWaiving(null)} okButtonProps={{ disabled: !reason.trim(), loading: act.isPending }} onOk={() => waiving && act.mutate({ finding: waiving, action: 'waive', reason })}>
        <Typography.Paragraph>{waiving?.message}</Typography.Paragraph>
        <Input.TextArea rows={3} placeholder={t('cmp.waiveReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      {raising && <RaiseTaskModal finding={raising} onClose={() => setRaising(null)} />}
    </Card>
  );
}

/** 转为专项整治任务: the finding becomes a task of a campaign, once per campaign. */
function RaiseTaskModal({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const campaigns = useQuery({ queryKey: ['cmp', 'campaigns'], queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/api/v1/campaigns', { limit: 200 }).then((r) => r.items) });
  const [campaign, setCampaign] = useState<string>();
  const [deadline, setDeadline] = useState('');
  const [text, setText] = useState('');
  const raise = useMutation({
    mutationFn: () => request<{ task: FindingTask }>('POST', `/api/v1/compliance/findings/${finding.id}/task`, { campaign, deadline, ...(text.trim() ? { text: text.trim() } : {}) }),
    onSuccess: (r) => {
      const known = (finding.tasks ?? []).some((x) => x.task === r.task.task);
      void message.success(t(known ? 'cmp.task.existing' : 'cmp.task.created', { number: r.task.number }));
      void qc.invalidateQueries({ queryKey: cmpKeys.all });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal open title={t('cmp.task.title')} onCancel={onClose} okButtonProps={{ disabled: !campaign || !/^\d{4}-\d{2}-\d{2}$/.test(deadline), loading: raise.isPending }} onOk={() => raise.mutate()}>
      <Typography.Paragraph>{finding.siteName ?? finding.region}：{finding.message}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select style={{ width: '100%' }} placeholder={t('cmp.task.campaign')} value={campaign} onChange={setCampaign} loading={campaigns.isLoading} options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        <Input type="date" addonBefore={t('cmp.task.deadline')} value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        <Input.TextArea rows={3} placeholder={t('cmp.task.text')} value={text} onChange={(e) => setText(e.target.value)} />
      </Space>
    </Modal>
  );
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function RulesTab() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const rules = useRules();
  const [editing, setEditing] = useState<Rule | null>(null);
  const zh = i18n.language.startsWith('zh');
  // Only an administrator of the whole platform changes parameters; the server checks it again.
  const mayEdit = user.role === 'admin' && !user.region;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(rules.data ?? []).map((r) => (
        <Card
          key={r.id}
          size="small"
          title={<Space><Typography.Text code>{r.id}</Typography.Text>{zh ? r.zh : r.en}</Space>}
          extra={mayEdit && r.parameters.length > 0 && <Button size="small" onClick={() => setEditing(r)}>{t('cmp.edit')}</Button>}
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('cmp.source')}：{r.source}　{zh ? r.en : r.zh}　{t('cmp.version', { v: r.version })}
          </Typography.Paragraph>
          {r.parameters.length > 0 && (
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={r.parameters}
              columns={[
                { title: t('cmp.parameters'), dataIndex: 'zh', render: (_, p) => <>{zh ? p.zh : p.en} <Typography.Text type="secondary" code>{p.key}</Typography.Text>{p.note && <div><Typography.Text type="warning">{p.note}</Typography.Text></div>}</> },
                { title: t('cmp.paramValue'), dataIndex: 'value', width: 200, render: (v) => <Typography.Text ellipsis={{ tooltip: show(v) }} style={{ maxWidth: 200 }}>{show(v)}</Typography.Text> },
                { title: t('cmp.paramDefault'), dataIndex: 'default', width: 160, render: (v) => <Typography.Text ellipsis={{ tooltip: show(v) }} style={{ maxWidth: 160 }}>{show(v)}</Typography.Text> },
                { title: t('cmp.paramSource'), dataIndex: 'source', width: 260 },
              ]}
            />
          )}
        </Card>
      ))}
      {editing && <ParametersModal rule={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function ParametersModal({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(Object.fromEntries(rule.parameters.map((p) => [p.key, p.value])), null, 2));
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ added: Candidate[]; removed: Candidate[] } | null>(null);
  const parsed = (() => {
    try {
      const v = JSON.parse(text) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  })();
  const preview = useMutation({
    mutationFn: () => api.post<{ added: Candidate[]; removed: Candidate[] }>(`/api/v1/compliance/rules/${rule.id}/preview`, { parameters: parsed }),
    onSuccess: setResult,
    onError: showError,
  });
  const save = useMutation({
    mutationFn: () => request('PUT', `/api/v1/compliance/rules/${rule.id}/parameters`, { parameters: parsed, version: rule.version, reason: reason || null }),
    onSuccess: () => {
      void message.success(t('cmp.saved'));
      void qc.invalidateQueries({ queryKey: cmpKeys.all });
      onClose();
    },
    onError: (err) => (err instanceof ApiError && err.status === 409 ? showConflict(err.message, () => qc.invalidateQueries({ queryKey: cmpKeys.all }).then(onClose)) : showError(err)),
  });
  const list = (items: Candidate[]) => items.map((c) => <div key={`${c.rule}|${c.site}|${c.key}`}>· {String(c.evidence.siteName ?? c.region)}：{c.message}</div>);
  return (
    <Modal
      open
      width={720}
      title={t('cmp.editTitle', { rule: rule.zh })}
      onCancel={onClose}
      footer={[
        <Button key="p" disabled={!parsed} loading={preview.isPending} onClick={() => preview.mutate()}>{t('cmp.preview')}</Button>,
        <Button key="s" type="primary" disabled={!parsed} loading={save.isPending} onClick={() => save.mutate()}>{t('cmp.save')}</Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('cmp.editHint')}</Typography.Paragraph>
      <Input.TextArea rows={10} value={text} onChange={(e) => (setText(e.target.value), setResult(null))} style={{ fontFamily: 'monospace' }} status={parsed ? undefined : 'error'} />
      {!parsed && <Typography.Text type="danger">{t('cmp.badJson')}</Typography.Text>}
      <Input style={{ marginTop: 8 }} placeholder={t('cmp.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          message={t('cmp.previewResult', { added: result.added.length, removed: result.removed.length })}
          description={<div style={{ maxHeight: 240, overflow: 'auto' }}>{result.added.length > 0 && <><b>{t('cmp.added')}</b>{list(result.added)}</>}{result.removed.length > 0 && <><b>{t('cmp.removed')}</b>{list(result.removed)}</>}</div>}
        />
      )}
    </Modal>
  );
}
