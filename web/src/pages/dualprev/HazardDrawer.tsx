import { Button, Descriptions, Drawer, Empty, Grid, Space, Spin, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { formatNumber, formatTime, orDash } from '../../lib/format.ts';
import { useHazard } from './api.ts';
import { PhotoStrip } from './Photos.tsx';
import type { HazardModalAction } from './HazardActionModal.tsx';
import { chinaDate, maySupervise, STATE_TAG, type Hazard } from './model.ts';

/** A hazard with its plan, rectification, verification and history, and the actions the user may take. */
export function HazardDrawer(props: { id?: string; onClose: () => void; onAct: (h: Hazard, a: HazardModalAction) => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const screens = Grid.useBreakpoint();
  const q = useHazard(props.id);
  const h = q.data;
  return (
    <Drawer open={!!props.id} onClose={props.onClose} width={screens.md ? 640 : '100%'} title={t('dp.hazard.title')} destroyOnHidden>
      {!h ? (
        q.isLoading ? <Spin /> : <Empty />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color={h.grade === 'major' ? 'red' : 'orange'}>{t(`dp.grade.${h.grade}`)}</Tag>
            <Tag color={STATE_TAG[h.state]}>{t(`dp.state.${h.state}`)}</Tag>
            {h.overdue && <Tag color="red">{t('dp.hazard.overdueDays', { n: h.daysOverdue ?? 0 })}</Tag>}
            {h.escalationTier && h.escalationTier !== 'enterprise' && <Tag color="volcano">{t(`dp.tier.${h.escalationTier}`)}</Tag>}
            {h.supervisedAt && <Tag color="magenta">{t('dp.hazard.supervised')}</Tag>}
          </Space>
          <Space wrap style={{ marginBottom: 16 }}>
            {h.allowedActions.map((a) => (
              <Button key={a} type={a === 'verify' || a === 'rectify' ? 'primary' : 'default'} onClick={() => props.onAct(h, a)} data-testid={`hz-act-${a}`}>
                {t(`dp.act.${a}`)}
              </Button>
            ))}
            {maySupervise(user.role) && h.grade === 'major' && !h.supervisedAt && h.state !== 'closed' && (
              <Button danger onClick={() => props.onAct(h, 'supervise')} data-testid="hz-act-supervise">
                {t('dp.act.supervise')}
              </Button>
            )}
            {maySupervise(user.role) && h.supervision && !h.supervisionAcceptance && (h.state === 'verified' || h.state === 'closed') && (
              <Button type="primary" onClick={() => props.onAct(h, 'accept')} data-testid="hz-act-accept">
                {t('dp.act.accept')}
              </Button>
            )}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('dp.hazard.description')}>
              {h.description}
              <PhotoStrip ids={h.photos} />
            </Descriptions.Item>
            <Descriptions.Item label={t('dp.hazard.location')}>{orDash(h.location)}</Descriptions.Item>
            <Descriptions.Item label={t('dp.hazard.deadline')}>{chinaDate(h.deadline)}</Descriptions.Item>
            <Descriptions.Item label={t('dp.hazard.source')}>
              {t(`dp.source.${h.source}`, { defaultValue: h.source })}
              {h.sourceRef ? ` · ${h.sourceRef}` : ''}
            </Descriptions.Item>
            {h.category && <Descriptions.Item label={t('dp.hazard.category')}>{t(`dp.category.${h.category}`, { defaultValue: h.category })}</Descriptions.Item>}
            {h.criterion && <Descriptions.Item label={t('dp.hazard.criterion')}>{h.criterion}</Descriptions.Item>}
            <Descriptions.Item label={t('dp.hazard.reportedBy')}>
              {orDash(h.reportedByName)} · {formatTime(h.createdAt)}
            </Descriptions.Item>
            {h.plan && (
              <Descriptions.Item label={t('dp.hazard.plan')}>
                <div>{h.plan.measures}</div>
                <div className="ka-muted" style={{ fontSize: 12 }}>
                  {h.plan.funds != null && `${t('dp.planForm.funds')} ${formatNumber(h.plan.funds)} · `}
                  {h.plan.people && `${t('dp.planForm.people')} ${h.plan.people} · `}
                  {h.plan.deadline && `${t('dp.planForm.deadline')} ${chinaDate(h.plan.deadline)}`}
                </div>
                {h.plan.interimMeasures && <div className="ka-muted" style={{ fontSize: 12 }}>{`${t('dp.planForm.interimMeasures')}：${h.plan.interimMeasures}`}</div>}
              </Descriptions.Item>
            )}
            {h.rectification && (
              <Descriptions.Item label={t('dp.hazard.rectification')}>
                {h.rectification.note}
                <PhotoStrip ids={h.rectification.photos} />
                <div className="ka-muted" style={{ fontSize: 12 }}>
                  {orDash(h.rectifiedByName)} · {formatTime(h.rectifiedAt)}
                </div>
              </Descriptions.Item>
            )}
            {h.verificationNote && <Descriptions.Item label={t('dp.hazard.verification')}>{h.verificationNote}</Descriptions.Item>}
            {h.supervision && (
              <Descriptions.Item label={t('dp.supervision.title')}>
                <div>{h.supervision.order}</div>
                <div className="ka-muted" style={{ fontSize: 12 }}>
                  {t(`dp.supervision.level.${h.supervision.level}`, { defaultValue: h.supervision.level })} · {h.supervision.body} · {t('dp.supervision.deadline')} {chinaDate(h.supervision.deadline)} · {orDash(h.supervision.by)}
                </div>
              </Descriptions.Item>
            )}
            {h.supervisionAcceptance && (
              <Descriptions.Item label={t('dp.supervision.acceptance')}>
                {orDash(h.supervisionAcceptance.note)}
                <div className="ka-muted" style={{ fontSize: 12 }}>
                  {h.supervisionAcceptance.body} · {orDash(h.supervisionAcceptance.by)} · {formatTime(h.supervisionAcceptance.at)}
                </div>
              </Descriptions.Item>
            )}
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{t('dp.hazard.history')}</h4>
          <Timeline
            items={h.history.map((c) => ({
              children: (
                <div>
                  <b>{t(`dp.act.${c.op}`, { defaultValue: c.op === 'create' ? t('dp.hazard.report') : (c.op ?? '') })}</b> · {orDash(c.user)} · {formatTime(c.at)}
                  {typeof c.changes?.note === 'string' && <div className="ka-muted">{c.changes.note}</div>}
                </div>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
