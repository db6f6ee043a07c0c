import i18n from '../i18n/index.ts';

export function mineralLabel(code: string): string {
  return i18n.t(`mineral.${code}`, { defaultValue: code });
}

export function mineralsText(list: string[] | null | undefined): string {
  return list?.length ? list.map(mineralLabel).join('、') : '—';
}
