import { Alert, Button, Descriptions, Drawer, Empty, Grid, Space, Spin, Table, Tag, Timeline } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatTime, orDash } from '../../lib/format.ts';
import { useAlarm, useNotifications } from './api.ts';
import { AlarmTag } from './LevelTag.tsx';
import { needsWithdrawal, type Alarm, type AlarmAction } from './model.ts';
import { StateTag } from './StateTag.tsx';

/** An alarm with its handling history, the actions the server allows this user now, and who was told. */
export function AlarmDrawer(props: { id: string | undefined; onClose: () => void; onAct: (a: Alarm, action: AlarmAction) => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const q = useAlarm(props.id);
  const notes = useNotifications(props.id);
  const a = q.data;
  return (
    <Drawer open={!!props.id} onClose={props.onClose} title={t('mon.alarm.detail')} width={screens.md ? 640 : '100%'} destroyOnHidden>
      {!a ? (
        <Spin />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="alarm-drawer">
          {needsWithdrawal(a) && <Alert type="error" showIcon message={<span className="ka-withdraw">{t('mon.site.withdraw')}</span>} />}
          <Space wrap>
            <AlarmTag alarm={a} />
            <StateTag state={a.state} />
            {a.recoveredAt && <Tag color="green">{t('mon.alarm.recovered')}</Tag>}
          </Space>
          <div style={{ fontSize: 15 }}>{a.message}</div>
          {!!a.emergencySteps?.length && (
            <Alert
              type="error"
              showIcon
              data-testid="emergency-steps"
              message={t('mon.alarm.emergency')}
              description={
                <ol style={{ margin: 0, paddingLeft: 18 }}>
                  {a.emergencySteps.map((s) => (
                    <li key={s.zh}>{s.zh}</li>
                  ))}
                </ol>
              }
            />
          )}
          {!!a.pendingOrders?.length && (
            <Alert
              type="info"
              showIcon
              data-testid="pending-orders"
              message={t('mon.alarm.pending')}
              description={a.pendingOrders.map((o) => (
                <div key={o.orderId}>
                  {t(`mon.alarm.act.${o.action}`, { defaultValue: o.action })} · {o.by ?? ''} · {formatTime(o.issuedAt)}
                </div>
              ))}
            />
          )}
          {a.allowedActions.length > 0 && (
            <Space wrap data-testid="drawer-actions">
              {a.allowedActions.map((x) => (
                <Button key={x} type={x === 'ack' || x === 'close' ? 'primary' : 'default'} onClick={() => props.onAct(a, x)}>
                  {t(`mon.alarm.act.${x}`)}
                </Button>
              ))}
            </Space>
          )}
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'site', label: t('mon.alarm.site'), children: a.site ? <Link to={`/sites/${encodeURIComponent(a.site)}?tab=monitoring`}>{a.site}</Link> : (a.node ?? '—') },
              { key: 'sensor', label: t('mon.alarm.sensor'), children: a.sensor ? `${a.sensor}${a.sensorKind ? ` · ${t(`mon.kind.${a.sensorKind}`, { defaultValue: a.sensorKind })}` : ''}` : '—' },
              { key: 'kind', label: t('mon.alarm.kind'), children: t(`mon.alarm.kinds.${a.kind}`, { defaultValue: a.kind }) },
              { key: 'value', label: t('mon.alarm.value'), children: formatNumber(a.value) },
              { key: 'opened', label: t('mon.alarm.openedAt'), children: formatTime(a.openedAt) },
              { key: 'recovered', label: t('mon.alarm.recoveredAt'), children: formatTime(a.recoveredAt) },
              { key: 'tier', label: t('mon.alarm.tier'), children: t(`mon.alarm.tiers.${a.tier}`, { defaultValue: a.tier }) },
              { key: 'deadline', label: t('mon.alarm.deadline'), children: a.deadline ? `${t(`mon.alarm.steps.${a.deadline.step}`)} · ${formatTime(a.deadline.dueAt)}` : '—' },
              { key: 'cause', label: t('mon.alarm.cause'), children: a.cause ? t(`mon.alarm.causes.${a.cause}`) : '—' },
              { key: 'measures', label: t('mon.alarm.measures'), children: orDash(a.measures) },
            ]}
          />
          <div>
            <h4>{t('mon.alarm.history')}</h4>
            <Timeline
              items={a.history.map((h) => ({
                key: `${h.at}-${h.action}`,
                children: (
                  <div>
                    <b>{t(`mon.alarm.act.${h.action}`, { defaultValue: t(`mon.alarm.history_.${h.action}`, { defaultValue: h.action }) })}</b>
                    <span className="ka-muted">
                      {' '}
                      · {formatTime(h.at)} · {h.by === 'system' ? '系统' : h.by}
                      {h.level ? ` · ${t(`mon.alarm.tiers.${h.level}`, { defaultValue: h.level })}` : ''}
                    </span>
                    {h.note && <div>{h.note}</div>}
                    {(h.action === 'escalated' || h.action === 'deescalated') && !!h.details && typeof h.details === 'object' && (
                      <div className="ka-muted">
                        {t(`mon.level.${(h.details as { from?: string }).from}`, { defaultValue: '' })} → {t(`mon.level.${(h.details as { to?: string }).to}`, { defaultValue: '' })}
                      </div>
                    )}
                    {h.action === 'analyse' && !!h.details && typeof h.details === 'object' && (
                      <div className="ka-muted">
                        {t(`mon.alarm.causes.${(h.details as { cause?: string }).cause}`, { defaultValue: '' })} {(h.details as { measures?: string }).measures}
                      </div>
                    )}
                  </div>
                ),
              }))}
            />
          </div>
          <div>
            <h4>{t('mon.alarm.notifications')}</h4>
            {notes.data?.length ? (
              <Table
                size="small"
                rowKey={(r) => String(r.id ?? `${r.at}-${r.recipient}`)}
                pagination={false}
                dataSource={notes.data}
                scroll={{ x: true }}
                columns={[
                  { title: t('mon.alarm.at'), dataIndex: 'at', render: (v: number) => formatTime(v) },
                  { title: t('mon.alarm.channel'), dataIndex: 'channel' },
                  { title: t('mon.alarm.recipient'), dataIndex: 'recipient' },
                  { title: t('mon.alarm.result'), dataIndex: 'status' },
                ]}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mon.alarm.noNotifications')} />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
