// The monitoring settings form, one card per group; field names are the API's paths, so a refusal
// from the server lands on its field.
import type { ReactNode } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Tag, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LEVELS, TIERS, UNITS, fromShown, toShown, type Source, type SettingsView } from './settingsForm.ts';

const COL = { xs: 24, sm: 12, xl: 6 };

/** A stored number shown in its unit (seconds as minutes, hours or days); empty is null. */
function ScaledNumber({ path, nullable, value, onChange, id }: { path: string; nullable?: boolean; value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  const { t } = useTranslation();
  const u = UNITS[path]!;
  const unit = t(`mon.settings.unit.${u.unit}`);
  return (
    <InputNumber<number>
      id={id}
      value={toShown(value, u)}
      onChange={(v) => onChange?.(fromShown(v, u))}
      suffix={unit || undefined}
      placeholder={nullable ? t('mon.settings.permanent') : undefined}
      style={{ width: '100%' }}
      data-testid={`setting-${path}`}
    />
  );
}

/** Whether a value is the platform default (and from where) or was changed here. */
export function SourceTag({ source }: { source?: Source }) {
  const { t } = useTranslation();
  if (!source) return null;
  if (source.source === 'settings') return <Tag color="blue">{t('mon.settings.sourceSettings')}</Tag>;
  return (
    <Tooltip title={t('mon.settings.sourceRef', { ref: source.ref })}>
      <Tag>{t('mon.settings.sourceDefault')}</Tag>
    </Tooltip>
  );
}

function NumberField({ path, help, nullable, label }: { path: string; help?: ReactNode; nullable?: boolean; label?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={path.split('.')} label={label ?? t(`mon.settings.f.${path}`)} extra={help}>
      <ScaledNumber path={path} nullable={nullable} />
    </Form.Item>
  );
}

function LevelSelect(props: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  return <Select {...props} options={LEVELS.map((l) => ({ value: l, label: t(`mon.level.${l}`) }))} />;
}

function SwitchField({ path }: { path: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={path.split('.')} label={t(`mon.settings.f.${path}`)} valuePropName="checked">
      <Switch />
    </Form.Item>
  );
}

export function EscalationCard({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('mon.settings.group.escalation')} extra={<SourceTag source={view.sources.escalation} />}>
      <Row gutter={16}>
        {(['red', 'orange', 'yellow', 'blue'] as const).map((l) => (
          <Col key={l} {...COL}>
            <NumberField path={`escalation.responseSec.${l}`} />
          </Col>
        ))}
      </Row>
      <div className="ka-muted" style={{ marginTop: -8, marginBottom: 12 }}>
        {t('mon.settings.help.responseSec')}
      </div>
      <Row gutter={16}>
        <Col {...COL}>
          <Form.Item name={['escalation', 'maxTier']} label={t('mon.settings.f.escalation.maxTier')} extra={t('mon.settings.help.maxTier')}>
            <Select options={TIERS.map((x) => ({ value: x, label: t(`mon.alarm.tiers.${x}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} xl={12}>
          <Form.Item name={['escalation', 'source']} label={t('mon.settings.f.escalation.source')} extra={t('mon.settings.help.escalationSource')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <SwitchField path="escalation.confirmed" />
        </Col>
      </Row>
    </Card>
  );
}

function MonthDayField({ end }: { end: 'start' | 'end' }) {
  const { t } = useTranslation();
  const base = ['offline', 'floodSeason', end];
  return (
    <Form.Item label={t(end === 'start' ? 'mon.settings.floodStart' : 'mon.settings.floodEnd')} required={false}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={[...base, 'month']} noStyle>
          <InputNumber<number> aria-label={t(`mon.settings.f.offline.floodSeason.${end}.month`)} suffix={t('mon.settings.month')} style={{ width: '50%' }} />
        </Form.Item>
        <Form.Item name={[...base, 'day']} noStyle>
          <InputNumber<number> aria-label={t(`mon.settings.f.offline.floodSeason.${end}.day`)} suffix={t('mon.settings.day')} style={{ width: '50%' }} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

export function OfflineCard({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('mon.settings.group.offline')} extra={<SourceTag source={view.sources.offline} />}>
      <Row gutter={16}>
        {(['k', 'warningIntervalSec', 'floodSeasonIntervalSec', 'repairOverdueSec', 'reminderEverySec', 'stationGraceSec'] as const).map((k) => (
          <Col key={k} {...COL}>
            <NumberField path={`offline.${k}`} help={t(`mon.settings.help.${k}`)} />
          </Col>
        ))}
        <Col {...COL}>
          <NumberField path="offline.utcOffsetMin" help={t('mon.settings.help.utcOffsetMin')} />
        </Col>
      </Row>
      <Row gutter={16}>
        {(['offline', 'siteSilent', 'repairOverdue'] as const).map((k) => (
          <Col key={k} {...COL}>
            <Form.Item name={['offline', 'levels', k]} label={t(`mon.settings.f.offline.levels.${k}`)}>
              <LevelSelect />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <div className="ka-muted" style={{ marginTop: -8, marginBottom: 12 }}>
        {t('mon.settings.help.levels')}
      </div>
      <h4 style={{ margin: '4px 0 8px' }}>{t('mon.settings.group.floodSeason')}</h4>
      <Row gutter={16}>
        <Col {...COL}>
          <MonthDayField end="start" />
        </Col>
        <Col {...COL}>
          <MonthDayField end="end" />
        </Col>
        <Col xs={24} xl={8}>
          <Form.Item name={['offline', 'floodSeason', 'source']} label={t('mon.settings.f.offline.floodSeason.source')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} xl={4}>
          <SwitchField path="offline.floodSeason.confirmed" />
        </Col>
      </Row>
      <div className="ka-muted" style={{ marginTop: -8 }}>
        {t('mon.settings.help.floodSeason')}
      </div>
    </Card>
  );
}

export function AggregationCard({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('mon.settings.group.aggregation')} extra={<SourceTag source={view.sources.aggregation} />}>
      {(['points', 'items'] as const).map((g) => (
        <div key={g}>
          <h4 style={{ margin: '4px 0 8px' }}>{t(g === 'points' ? 'mon.settings.group.pointsToItem' : 'mon.settings.group.itemsToSite')}</h4>
          <Row gutter={16}>
            {(['blue', 'yellow', 'orange'] as const).map((l) => (
              <Col key={l} {...COL}>
                <NumberField path={`aggregation.${g}.${l}`} />
              </Col>
            ))}
            <Col {...COL}>
              <SwitchField path={`aggregation.${g}.chain`} />
            </Col>
          </Row>
        </div>
      ))}
      <div className="ka-muted" style={{ marginBottom: 12 }}>
        {t('mon.settings.help.promotion')} {t('mon.settings.help.chain')}
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Form.Item name={['aggregation', 'source']} label={t('mon.settings.f.aggregation.source')} extra={t('mon.settings.help.aggregationSource')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <SwitchField path="aggregation.confirmed" />
        </Col>
      </Row>
    </Card>
  );
}

export function RetentionCard({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const label = (k: 'retentionDays' | 'tenMinuteRetentionDays' | 'futureToleranceSec') => (
    <Space size={4} wrap>
      {t(`mon.settings.f.${k}`)}
      <SourceTag source={view.sources[k]} />
    </Space>
  );
  return (
    <Card size="small" title={t('mon.settings.group.retention')}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <NumberField path="retentionDays" nullable label={label('retentionDays')} help={t('mon.settings.help.retentionDays')} />
        </Col>
        <Col xs={24} md={8}>
          <NumberField path="tenMinuteRetentionDays" nullable label={label('tenMinuteRetentionDays')} help={t('mon.settings.help.tenMinuteRetentionDays')} />
        </Col>
        <Col xs={24} md={8}>
          <NumberField path="futureToleranceSec" label={label('futureToleranceSec')} help={t('mon.settings.help.futureToleranceSec')} />
        </Col>
      </Row>
    </Card>
  );
}

export function NotifyCard({ view, editable }: { view: SettingsView; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('mon.settings.group.notify')}>
      <h4 style={{ margin: '0 0 4px' }}>
        <Space size={4} wrap>
          {t('mon.settings.f.webhooks')}
          <SourceTag source={view.sources.webhooks} />
        </Space>
      </h4>
      <div className="ka-muted" style={{ marginBottom: 8 }}>
        {t('mon.settings.help.webhooks')}
      </div>
      <Form.List name="webhooks">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 && <div className="ka-muted" style={{ marginBottom: 8 }}>{t('mon.settings.noWebhooks')}</div>}
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="bottom" data-testid="webhook-row">
                <Col xs={24} md={14}>
                  <Form.Item name={[f.name, 'url']} label={t('mon.settings.webhookUrl')}>
                    <Input placeholder="https://" maxLength={2000} />
                  </Form.Item>
                </Col>
                <Col xs={editable ? 16 : 24} md={editable ? 7 : 10}>
                  <Form.Item name={[f.name, 'minLevel']} label={t('mon.settings.minLevel')}>
                    <LevelSelect />
                  </Form.Item>
                </Col>
                {editable && (
                  <Col xs={8} md={3}>
                    <Form.Item label=" " colon={false}>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} block>
                        {t('mon.settings.removeWebhook')}
                      </Button>
                    </Form.Item>
                  </Col>
                )}
              </Row>
            ))}
            {editable && (
              <Button icon={<PlusOutlined />} onClick={() => add({ url: '', minLevel: 'orange' })} style={{ marginBottom: 16 }}>
                {t('mon.settings.addWebhook')}
              </Button>
            )}
          </>
        )}
      </Form.List>
      <h4 style={{ margin: '0 0 4px' }}>
        <Space size={4} wrap>
          {t('mon.settings.f.sms')}
          <SourceTag source={view.sources.sms} />
        </Space>
      </h4>
      <div className="ka-muted" style={{ marginBottom: 8 }}>
        {t('mon.settings.help.sms')}
      </div>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item name={['sms', 'gateway']} label={t('mon.settings.smsGateway')}>
            <Select
              options={[
                { value: 'none', label: t('mon.settings.gatewayNone') },
                { value: 'http', label: t('mon.settings.gatewayHttp') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['sms', 'url']} label={t('mon.settings.smsUrl')}>
            <Input placeholder="https://" maxLength={2000} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={['sms', 'minLevel']} label={t('mon.settings.minLevel')}>
            <LevelSelect />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
