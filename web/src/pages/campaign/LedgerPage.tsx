import { useState } from 'react';
import { App, Button, Card, Empty, Progress, Radio, Select, Space, Table, Tabs, Tag, Tooltip, type TableColumnsType } from 'antd';
import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/campaign.ts';
import { downloadLedger, review, useAssignments, useCampaigns, useEvaluation, useLedgerMutation, useTasks } from './api.ts';
import { LedgerActionModal, type LedgerAction } from './LedgerActionModal.tsx';
import { ASSIGNMENT_STATE_COLOR, mayManage, mayReport, TASK_STATE_COLOR, type Assignment, type Task, type UnitEvaluation } from './model.ts';
import { TaskDrawer } from './TaskDrawer.tsx';
import { ImportCampaignModal } from './ImportCampaignModal.tsx';

const SIZE = 20;

/** 专项整治台账: the campaign's tasks through the closed loop, the assignments down the hierarchy, and the ranking. */
export default function LedgerPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const [f, setF] = useUrlState(['campaign', 'tab', 'page', 'id', 'level'] as const);
  const campaigns = useCampaigns();
  const campaign = campaigns.data?.items.find((c) => c.id === f.campaign) ?? campaigns.data?.items[0];
  const page = Number(f.page ?? 1);
  const tasks = useTasks({ campaign: campaign?.id, limit: SIZE, offset: (page - 1) * SIZE });
  const assignments = useAssignments({ campaign: campaign?.id, limit: 200 });
  const level = f.level === 'county' ? 'county' : 'city';
  const evaluation = useEvaluation(campaign?.id, level);
  const [acting, setActing] = useState<LedgerAction | null>(null);
  const [importing, setImporting] = useState(false);
  const accept = useLedgerMutation((a: Assignment) => review(a.id, 'accept', { version: a.version }));

  const taskColumns: TableColumnsType<Task> = [
    { title: t('ledger.number'), dataIndex: 'number', width: 70 },
    { title: t('ledger.task'), dataIndex: 'text' },
    { title: t('ledger.deadline'), key: 'deadline', width: 120, render: (_, x) => <span style={{ color: x.overdueAt ? '#f5222d' : undefined }}>{x.deadline ?? x.deadlineText ?? '—'}</span> },
    { title: t('ledger.state'), key: 'state', width: 110, render: (_, x) => <Tag color={TASK_STATE_COLOR[x.state]}>{x.stateLabel}</Tag> },
    { title: t('ledger.progress'), key: 'progress', width: 150, render: (_, x) => (x.progress === null ? '—' : <Progress percent={x.progress} size="small" />) },
  ];

  const assignmentColumns: TableColumnsType<Assignment> = [
    { title: t('ledger.number'), dataIndex: 'taskNumber', width: 70 },
    { title: t('ledger.task'), dataIndex: 'taskText' },
    { title: t('ledger.assignee'), key: 'assignee', width: 140, render: (_, a) => a.regionName ?? a.region },
    { title: t('ledger.deadline'), key: 'deadline', width: 110, render: (_, a) => <span style={{ color: a.overdueAt && a.state !== 'accepted' ? '#f5222d' : undefined }}>{a.deadline}</span> },
    { title: t('ledger.state'), key: 'state', width: 90, render: (_, a) => <Tag color={ASSIGNMENT_STATE_COLOR[a.state]}>{a.stateLabel}</Tag> },
    { title: t('ledger.progress'), key: 'progress', width: 140, render: (_, a) => <Progress percent={a.rolledProgress} size="small" /> },
    {
      key: 'do',
      width: 220,
      render: (_, a) => (
        <Space size={4} wrap>
          {a.ownedHere && a.actions.includes('report') && mayReport(user.role) && (
            <Button size="small" onClick={() => setActing({ kind: 'report', assignment: a })}>
              {t('ledger.report')}
            </Button>
          )}
          {!a.ownedHere && a.actions.includes('report') && (
            <Tooltip title={t('ledger.copyHint')}>
              <Tag>…</Tag>
            </Tooltip>
          )}
          {mayManage(user.role) && a.state === 'reported' && a.region !== user.region && (
            <>
              <Button size="small" type="primary" loading={accept.isPending} onClick={() => accept.mutateAsync(a).then(() => message.success(t('ledger.done')), (e: Error) => message.error(e.message))}>
                {t('ledger.accept')}
              </Button>
              <Button size="small" danger onClick={() => setActing({ kind: 'return', assignment: a })}>
                {t('ledger.return')}
              </Button>
            </>
          )}
          {mayManage(user.role) && !a.enterprise && a.state !== 'accepted' && (
            <Button size="small" onClick={() => setActing({ kind: 'passOn', assignment: a })}>
              {t('ledger.passOn')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const evalColumns: TableColumnsType<UnitEvaluation> = [
    { title: t('ledger.eval.rank'), dataIndex: 'rank', width: 70 },
    { title: t('ledger.eval.name'), dataIndex: 'name' },
    { title: t('ledger.eval.items'), dataIndex: 'items', width: 90 },
    { title: t('ledger.eval.completion'), key: 'c', width: 110, render: (_, u) => `${u.completionRate}%` },
    { title: t('ledger.eval.onTime'), key: 'o', width: 110, render: (_, u) => `${u.onTimeRate}%` },
    { title: t('ledger.eval.overdue'), dataIndex: 'overdue', width: 90 },
    { title: t('ledger.eval.pressure'), dataIndex: 'pressureMeasures', width: 100 },
  ];

  return (
    <div data-testid="campaign-ledger">
      <PageTitle
        title={t('ledger.title')}
        extra={
          <Space wrap>
            <Select
              style={{ minWidth: 240, maxWidth: '100%' }}
              placeholder={t('ledger.chooseCampaign')}
              value={campaign?.id}
              loading={campaigns.isLoading}
              onChange={(v) => setF({ campaign: v, page: undefined, id: undefined })}
              options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}${c.year ? `（${c.year}）` : ''}` }))}
            />
            {mayManage(user.role) && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="import-open">
                {t('ledger.imp.open')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} disabled={!campaign} onClick={() => campaign && downloadLedger(campaign).catch((e: Error) => message.error(e.message))}>
              {t('ledger.export')}
            </Button>
          </Space>
        }
      />
      <Tabs
        activeKey={f.tab ?? (campaigns.data && !campaign ? 'assignments' : 'tasks')}
        onChange={(k) => setF({ tab: k })}
        items={[
          {
            key: 'tasks',
            label: t('ledger.tabs.tasks'),
            children: !campaign ? (
              <Empty description={t('ledger.noCampaign')} style={{ marginTop: 32 }} />
            ) : (
              <Card styles={{ body: { padding: 0 } }}>
                <Table
                  size="middle"
                  rowKey="id"
                  columns={taskColumns}
                  scroll={{ x: 640 }}
                  dataSource={tasks.data?.items ?? []}
                  loading={tasks.isLoading}
                  locale={{ emptyText: t('ledger.none') }}
                  rowClassName={() => 'ka-clickable-row'}
                  onRow={(x) => ({ onClick: () => setF({ id: x.id }) })}
                  pagination={{ current: page, pageSize: SIZE, total: tasks.data?.total ?? 0, onChange: (p) => setF({ page: p }), showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
                />
              </Card>
            ),
          },
          {
            key: 'assignments',
            label: t('ledger.tabs.assignments'),
            children: (
              <Card styles={{ body: { padding: 0 } }}>
                <Table size="middle" rowKey="id" scroll={{ x: 900 }} columns={assignmentColumns} dataSource={assignments.data?.items ?? []} loading={assignments.isLoading} locale={{ emptyText: t('ledger.noAssignments') }} pagination={{ pageSize: SIZE }} />
              </Card>
            ),
          },
          ...(user.enterprise
            ? []
            : [
                {
                  key: 'evaluation',
                  label: t('ledger.tabs.evaluation'),
                  children: (
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <Radio.Group value={level} onChange={(e) => setF({ level: e.target.value })}>
                        <Radio.Button value="city">{t('ledger.eval.city')}</Radio.Button>
                        <Radio.Button value="county">{t('ledger.eval.county')}</Radio.Button>
                      </Radio.Group>
                      <Card styles={{ body: { padding: 0 } }}>
                        <Table size="middle" rowKey="code" scroll={{ x: 720 }} columns={evalColumns} dataSource={evaluation.data?.items ?? []} loading={evaluation.isLoading} pagination={false} />
                      </Card>
                    </Space>
                  ),
                },
              ]),
        ]}
      />
      <TaskDrawer id={f.id} onClose={() => setF({ id: undefined })} onAct={(task, action) => setActing({ kind: 'task', task, action })} onAssign={(task) => setActing({ kind: 'assign', task })} />
      <LedgerActionModal action={acting} onClose={() => setActing(null)} />
      <ImportCampaignModal
        open={importing}
        onClose={() => setImporting(false)}
        onSaved={(c) => {
          setImporting(false);
          setF({ campaign: c.id, tab: 'tasks', page: undefined, id: undefined });
        }}
      />
    </div>
  );
}
