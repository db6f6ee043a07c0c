import { useState } from 'react';
import { App, Button, Drawer, Empty, Grid, Input, List, Radio, Segmented, Select, Space, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { showError } from '../../components/feedback.ts';
import { dpKeys, useSites } from './api.ts';
import { chinaDate, chinaDatePlus } from './model.ts';

interface CheckItem { key: string; riskName: string; text: string; frequency: string; post: string }
interface Check { id: string; site: string; frequency: string; dueAt: number; state: 'due' | 'missed' | 'done'; items: CheckItem[]; results: { key: string; result: string; hazard?: string | null }[] | null; version: number }
interface Candidate { alarm: string; reason: string; criterion: string | null; description: string; evidence: { level: string; openedAt: number; sensorCode: string | null }; hazard: string | null }
type Result = { result: 'ok' | 'not_ok'; note?: string; hazard?: boolean };

/** Hazard investigation (隐患排查): a site's checks due, missed and done, completed item by item. */
export function InvestigationDrawer(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const sites = useSites();
  const [site, setSite] = useState<string>();
  const [state, setState] = useState<'due' | 'missed' | 'done'>('due');
  const [open, setOpen] = useState<Check | null>(null);
  const checks = useQuery({ queryKey: ['dp', 'checks', site, state], queryFn: () => api.get<{ items: Check[] }>('/api/v1/checks', { site, state, limit: 100 }), enabled: !!site });
  return (
    <Drawer open={props.open} onClose={props.onClose} width={screens.md ? 640 : '100%'} title={t('dp.check.title')} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select style={{ width: '100%' }} placeholder={t('dp.hazard.site')} value={site} onChange={setSite} showSearch optionFilterProp="label" options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} data-testid="check-site" />
        <Segmented block value={state} onChange={(v) => setState(v as typeof state)} options={(['due', 'missed', 'done'] as const).map((s) => ({ value: s, label: t(`dp.check.state.${s}`) }))} />
        {open ? (
          <CompleteCheck check={open} onDone={() => setOpen(null)} />
        ) : (
          <List
            loading={checks.isLoading}
            locale={{ emptyText: <Empty description={t('dp.check.none')} /> }}
            dataSource={checks.data?.items ?? []}
            renderItem={(c) => (
              <List.Item actions={c.state !== 'done' ? [<Button key="do" type="primary" onClick={() => setOpen(c)}>{t('dp.check.complete')}</Button>] : []}>
                <List.Item.Meta
                  title={<Space wrap><Tag>{t(`dp.check.frequency.${c.frequency}`)}</Tag><Tag color={c.state === 'missed' ? 'red' : c.state === 'done' ? 'green' : 'blue'}>{t(`dp.check.state.${c.state}`)}</Tag></Space>}
                  description={`${t('dp.check.due')} ${chinaDate(c.dueAt)} · ${t('dp.check.items', { n: c.items.length })}`}
                />
              </List.Item>
            )}
          />
        )}
      </Space>
    </Drawer>
  );
}

function CompleteCheck(props: { check: Check; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const c = props.check;
  const [results, setResults] = useState<Record<string, Result>>(() => Object.fromEntries(c.items.map((i) => [i.key, { result: 'ok' }])));
  const set = (key: string, r: Partial<Result>) => setResults((x) => ({ ...x, [key]: { ...x[key]!, ...r } }));
  const m = useMutation({
    meta: { quiet: true },
    mutationFn: () =>
      api.post<Check>(`/api/v1/checks/${c.id}/complete`, {
        version: c.version,
        results: c.items.map((i) => {
          const r = results[i.key]!;
          return { key: i.key, result: r.result, note: r.note || null, ...(r.result === 'not_ok' && r.hazard ? { hazard: { grade: 'general', deadline: chinaDatePlus(7) } } : {}) };
        }),
      }),
    onSuccess: () => {
      message.success(t('dp.check.completed'));
      void qc.invalidateQueries({ queryKey: dpKeys.all });
      props.onDone();
    },
    onError: showError,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {c.items.map((i) => (
        <div key={i.key} className="dp-check-item" style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
          <div>{i.text}</div>
          <div className="ka-muted" style={{ fontSize: 12 }}>{i.riskName} · {t('dp.check.post')} {i.post}</div>
          <Radio.Group optionType="button" value={results[i.key]!.result} onChange={(e) => set(i.key, { result: e.target.value })} options={[{ value: 'ok', label: t('dp.check.ok') }, { value: 'not_ok', label: t('dp.check.notOk') }]} />
          {results[i.key]!.result === 'not_ok' && (
            <Space direction="vertical" style={{ width: '100%', marginTop: 6 }}>
              <Input placeholder={t('dp.note')} value={results[i.key]!.note} onChange={(e) => set(i.key, { note: e.target.value })} />
              <Radio.Group value={!!results[i.key]!.hazard} onChange={(e) => set(i.key, { hazard: e.target.value })} options={[{ value: true, label: t('dp.check.registerHazard') }, { value: false, label: t('dp.check.noHazard') }]} />
            </Space>
          )}
        </div>
      ))}
      <Space>
        <Button onClick={props.onDone}>{t('common.cancel', { defaultValue: '取消' })}</Button>
        <Button type="primary" loading={m.isPending} onClick={() => m.mutate()}>{t('dp.check.complete')}</Button>
      </Space>
    </Space>
  );
}

/** Alarms of a site that suggest a major hazard (监测预警转隐患), registered with one tap. */
export function CandidatesDrawer(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const sites = useSites();
  const [site, setSite] = useState<string>();
  const list = useQuery({ queryKey: ['dp', 'candidates', site], queryFn: () => api.get<{ items: Candidate[] }>('/api/v1/hazard-candidates', { site }), enabled: !!site });
  const reg = useMutation({
    meta: { quiet: true },
    mutationFn: (alarm: string) => api.post(`/api/v1/hazard-candidates/${alarm}/register`, {}),
    onSuccess: () => {
      message.success(t('common.created'));
      void qc.invalidateQueries({ queryKey: dpKeys.all });
    },
    onError: showError,
  });
  return (
    <Drawer open={props.open} onClose={props.onClose} width={screens.md ? 640 : '100%'} title={t('dp.candidate.title')} destroyOnHidden>
      <Select style={{ width: '100%', marginBottom: 12 }} placeholder={t('dp.hazard.site')} value={site} onChange={setSite} showSearch optionFilterProp="label" options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} />
      <List
        loading={list.isLoading}
        locale={{ emptyText: <Empty description={t('dp.candidate.none')} /> }}
        dataSource={list.data?.items ?? []}
        renderItem={(c) => (
          <List.Item
            actions={[
              c.hazard ? (
                <Tag key="done" color="green">{t('dp.candidate.registered')}</Tag>
              ) : (
                <Button key="reg" danger loading={reg.isPending && reg.variables === c.alarm} onClick={() => reg.mutate(c.alarm)}>{t('dp.candidate.register')}</Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={<Space wrap><Tag color="red">{t(`dp.candidate.reason.${c.reason}`)}</Tag>{c.criterion && <Tag>{c.criterion}</Tag>}</Space>}
              description={`${c.description} · ${chinaDate(c.evidence.openedAt)}`}
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
