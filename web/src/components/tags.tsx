import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { GRADE_COLOR, KIND_COLOR, STATUS_COLOR, isKind, isStatus } from '../lib/labels.ts';

export function KindTag({ kind }: { kind: string | null | undefined }) {
  const { t } = useTranslation();
  if (!isKind(kind)) return <span>{kind ?? '—'}</span>;
  return <Tag color={KIND_COLOR[kind]}>{t(`kind.${kind}`)}</Tag>;
}

export function StatusTag({ status }: { status: string | null | undefined }) {
  const { t } = useTranslation();
  if (!isStatus(status)) return <span>{status ?? '—'}</span>;
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

export function GradeTag({ grade }: { grade: number | null | undefined }) {
  const { t } = useTranslation();
  if (!grade) return <span className="ka-muted">—</span>;
  return <Tag color={GRADE_COLOR[grade]}>{t(`grade.${grade}`)}</Tag>;
}
