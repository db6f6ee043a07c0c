import { useParams } from 'react-router-dom';
import { Alert, Card, Spin, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';

/** GET /api/v1/public/risk-cards/{id} (PublicRiskCard): what anyone who scans the card may read. */
interface PublicRiskCard {
  id: string;
  enterprise: string | null;
  site: string | null;
  post: string;
  area: string | null;
  name: string;
  level: string;
  levelLabel: string;
  colour: 'red' | 'orange' | 'yellow' | 'blue' | null;
  hazards: string[];
  accidentTypes: string[];
  measures: { kind: string; kindLabel: string; text: string }[];
  emergency: string[];
  assessedAt: number;
  version: number;
}

// The four colours of GB/T 33000 risk bands, as on the printed card.
const BAND: Record<string, { bg: string; fg: string }> = {
  red: { bg: '#e02020', fg: '#fff' },
  orange: { bg: '#f47a10', fg: '#fff' },
  yellow: { bg: '#f5c400', fg: '#222' },
  blue: { bg: '#1f6fd1', fg: '#fff' },
};

const day = (at: number) => new Date(at).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

/**
 * 岗位安全风险告知卡: the page the QR code of a printed post risk card opens (/public/risk-card/:id), without
 * login, read on a phone: the post, its risk level in its colour, hazards, possible accidents, control
 * measures and emergency measures, always the current version.
 */
export default function RiskCardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['public', 'risk-card', id], queryFn: () => api.get<PublicRiskCard>(`/api/v1/public/risk-cards/${encodeURIComponent(id)}`), retry: false });
  const c = q.data;
  const band = BAND[c?.colour ?? ''] ?? { bg: '#0b3b60', fg: '#fff' };
  const section = (title: string, items: string[], testid: string) =>
    items.length > 0 && (
      <Card size="small" title={title} data-testid={testid}>
        <ol style={{ margin: 0, paddingLeft: 20, lineHeight: 1.7 }}>
          {items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ol>
      </Card>
    );
  return (
    <div className="ka-risk-card" style={{ maxWidth: 560, margin: '0 auto', padding: 12, boxSizing: 'border-box' }} data-testid="public-risk-card">
      {q.isLoading && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {q.error && <Alert type="error" showIcon title={q.error instanceof ApiError && q.error.status === 404 ? t('riskCard.notFound') : (q.error as Error).message} style={{ marginTop: 24 }} />}
      {c && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <div style={{ background: band.bg, color: band.fg, borderRadius: 8, padding: '14px 16px' }}>
            <div style={{ fontSize: 13, opacity: 0.9 }}>{t('riskCard.title')}</div>
            <h1 style={{ margin: '4px 0', fontSize: 22, color: band.fg, overflowWrap: 'anywhere' }}>{c.post}</h1>
            <div style={{ fontSize: 18, fontWeight: 600 }} data-testid="risk-card-level">
              {t('riskCard.level')}：{c.levelLabel}
            </div>
          </div>
          <Card size="small">
            <div>
              <span className="ka-muted">{t('riskCard.risk')}：</span>
              {c.name}
            </div>
            {c.area && (
              <div>
                <span className="ka-muted">{t('riskCard.area')}：</span>
                {c.area}
              </div>
            )}
            {(c.site || c.enterprise) && (
              <div>
                <span className="ka-muted">{t('riskCard.site')}：</span>
                {[c.enterprise, c.site].filter(Boolean).join(' · ')}
              </div>
            )}
          </Card>
          {section(t('riskCard.hazards'), c.hazards, 'risk-card-hazards')}
          {c.accidentTypes.length > 0 && (
            <Card size="small" title={t('riskCard.accidents')}>
              {c.accidentTypes.map((a) => (
                <Tag key={a} color="volcano" style={{ marginBottom: 4 }}>
                  {a}
                </Tag>
              ))}
            </Card>
          )}
          {c.measures.length > 0 && (
            <Card size="small" title={t('riskCard.measures')} data-testid="risk-card-measures">
              <ol style={{ margin: 0, paddingLeft: 20, lineHeight: 1.7 }}>
                {c.measures.map((m, i) => (
                  <li key={i}>
                    <Tag>{m.kindLabel}</Tag>
                    {m.text}
                  </li>
                ))}
              </ol>
            </Card>
          )}
          {section(t('riskCard.emergency'), c.emergency, 'risk-card-emergency')}
          <div className="ka-muted" style={{ fontSize: 12, textAlign: 'center' }}>
            {t('riskCard.assessed', { date: day(c.assessedAt), version: c.version })}
          </div>
        </div>
      )}
    </div>
  );
}
