import { useTranslation } from 'react-i18next';
import type { Site } from '../../api/types.ts';
import { GradeTag } from '../../components/tags.tsx';
import { formatNumber } from '../../lib/format.ts';

/** The pond's grade (等别) and how it was derived from total storage and dam height, with its source. */
export function GradeExplain({ site }: { site: Site }) {
  const { t } = useTranslation();
  if (site.kind !== 'tailings_pond') return <span className="ka-muted">{t('site.gradeNotPond')}</span>;
  const d = site.gradeDerivation;
  const gradeText = (g: unknown) => (typeof g === 'number' ? t(`grade.${g}`, { defaultValue: String(g) }) : '—');
  return (
    <div data-testid="site-grade">
      {site.grade ? <GradeTag grade={site.grade} /> : <span className="ka-muted">{t('site.gradeNone')}</span>}
      {d && (
        <div className="ka-grade-how">
          <div style={{ fontWeight: 500, marginBottom: 4 }}>{t('site.gradeHow')}</div>
          {d.rule ? (
            <div>{String(d.rule)}</div>
          ) : (
            <>
              <div>
                {t('site.byStorage')}：{formatNumber(site.totalStorage)} 万m³ → {gradeText(d.byStorage)}
              </div>
              <div>
                {t('site.byHeight')}：{formatNumber(site.damHeight)} m → {gradeText(d.byHeight)}
              </div>
            </>
          )}
          {d.source && (
            <div className="ka-muted">
              {t('site.source')}：{String(d.source)}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
