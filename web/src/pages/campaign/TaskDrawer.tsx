import { Button, Descriptions, Drawer, Progress, Space, Table, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { useTask } from './api.ts';
import { mayManage, TASK_STATE_COLOR, type Task } from './model.ts';

const when = (at: number) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** A task: its closed-loop steps with who and when, its supervision order, and its progress by assignee. */
export function TaskDrawer({ id, onClose, onAct, onAssign }: { id?: string; onClose: () => void; onAct: (t: Task, action: string) => void; onAssign: (t: Task) => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const q = useTask(id);
  const task = q.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={task ? `${task.number}　${task.text.slice(0, 40)}` : ''} loading={q.isLoading}>
      {task && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('ledger.task')}>{task.text}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.owner')}>{task.owner ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.deadline')}>
              {task.deadline ?? task.deadlineText ?? '—'} {task.overdueAt && <Tag color="red">{t('ledger.overdue')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('ledger.state')}>
              <Tag color={TASK_STATE_COLOR[task.state]}>{task.stateLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('ledger.progress')}>{task.progress === null ? '—' : <Progress percent={task.progress} size="small" />}</Descriptions.Item>
            {task.supervision && (
              <Descriptions.Item label={t('ledger.supervision')}>
                {task.supervision.by}：{task.supervision.what}（{task.supervision.deadline}）
              </Descriptions.Item>
            )}
          </Descriptions>
          {mayManage(user.role) && (
            <Space wrap>
              {task.actions.map((a) => (
                <Button key={a} onClick={() => onAct(task, a)} data-testid={`task-${a}`}>
                  {t(`ledger.act.${a}`)}
                </Button>
              ))}
              <Button type="primary" onClick={() => onAssign(task)}>
                {t('ledger.assign')}
              </Button>
            </Space>
          )}
          <h4>{t('ledger.byAssignee')}</h4>
          <Table
            size="small"
            rowKey="assignment"
            pagination={false}
            dataSource={task.byAssignee}
            columns={[
              { title: t('ledger.assignee'), render: (_, b) => b.regionName ?? b.region },
              { title: t('ledger.deadline'), dataIndex: 'deadline', width: 110 },
              { title: t('ledger.progress'), width: 160, render: (_, b) => <Progress percent={b.progress} size="small" /> },
            ]}
          />
          <h4>{t('ledger.steps')}</h4>
          <Timeline
            items={task.steps.map((s) => ({
              children: (
                <div>
                  <b>{t(`ledger.act.${s.action}`, { defaultValue: s.action })}</b> · {s.by ?? '—'} · {when(s.at)}
                  {s.reason && <div className="ka-muted">{s.reason}</div>}
                </div>
              ),
            }))}
          />
        </Space>
      )}
    </Drawer>
  );
}
