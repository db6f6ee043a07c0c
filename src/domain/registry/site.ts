/**
 * The registry's enumerations (mine and pond kinds, states, dam types, roles, minerals), each as an
 * `as const` list, its union type and a { zh, en } label map, plus a parser that accepts a code or
 * its Chinese or English name, as spreadsheets and forms write them.
 */
import { ROLE_LABELS, ROLES, type Role } from '../access/roles.ts';

export interface Label {
  zh: string;
  en: string;
}

/** Site kinds: the three kinds of non-coal operation supervised. */
export const SITE_KINDS = ['tailings_pond', 'underground', 'open_pit'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
export const SITE_KIND_LABELS: Record<SiteKind, Label> = {
  tailings_pond: { zh: '尾矿库', en: 'Tailings pond' },
  underground: { zh: '地下矿山', en: 'Underground mine' },
  open_pit: { zh: '露天矿山', en: 'Open-pit mine' },
};

/** Operating states (生产状态). */
export const SITE_STATUSES = ['construction', 'producing', 'suspended', 'awaiting_closure', 'closed'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];
export const SITE_STATUS_LABELS: Record<SiteStatus, Label> = {
  construction: { zh: '基建', en: 'Under construction' },
  producing: { zh: '生产', en: 'Producing' },
  suspended: { zh: '停产停建', en: 'Suspended' },
  awaiting_closure: { zh: '待关闭', en: 'Awaiting closure' },
  closed: { zh: '已关闭', en: 'Closed' },
};

/** Dam-building methods of a tailings pond (筑坝方式), GB 50863-2013 §3.3's four kinds. */
export const DAM_TYPES = ['upstream', 'centerline', 'downstream', 'one_time'] as const;
export type DamType = (typeof DAM_TYPES)[number];
export const DAM_TYPE_LABELS: Record<DamType, Label> = {
  upstream: { zh: '上游式', en: 'Upstream' },
  centerline: { zh: '中线式', en: 'Centreline' },
  downstream: { zh: '下游式', en: 'Downstream' },
  one_time: { zh: '一次性筑坝', en: 'One-time dam' },
};

/** Roles, defined with their permissions in access/roles.ts and repeated here for the registry's labels. */
export { ROLES, ROLE_LABELS, type Role };

/**
 * Minerals mined in Shanxi's non-coal mines: metals (iron, bauxite, copper of the Zhongtiao Mountains,
 * gold, silver, lead and zinc), and the non-metals behind cement, metallurgy and building (limestone,
 * dolomite, gypsum, refractory clay, sand and gravel, stone), with a few others kept so that records
 * from elsewhere still read. A site may hold codes outside this list; they are shown as written.
 */
export const MINERALS = [
  'iron', 'copper', 'lead', 'zinc', 'gold', 'silver', 'bauxite', 'molybdenum', 'tungsten', 'tin', 'manganese', 'nickel',
  'titanium', 'rare_earth',
  'limestone', 'dolomite', 'gypsum', 'fluorite', 'phosphate', 'graphite', 'granite', 'marble', 'sandstone', 'sand_gravel',
  'clay', 'refractory_clay', 'kaolin', 'bentonite', 'silica', 'feldspar', 'pyrite', 'mirabilite', 'salt',
] as const;
export type Mineral = (typeof MINERALS)[number];
export const MINERAL_LABELS: Record<Mineral, Label> = {
  iron: { zh: '铁', en: 'Iron' },
  copper: { zh: '铜', en: 'Copper' },
  lead: { zh: '铅', en: 'Lead' },
  zinc: { zh: '锌', en: 'Zinc' },
  gold: { zh: '金', en: 'Gold' },
  silver: { zh: '银', en: 'Silver' },
  bauxite: { zh: '铝土矿', en: 'Bauxite' },
  molybdenum: { zh: '钼', en: 'Molybdenum' },
  tungsten: { zh: '钨', en: 'Tungsten' },
  tin: { zh: '锡', en: 'Tin' },
  manganese: { zh: '锰', en: 'Manganese' },
  nickel: { zh: '镍', en: 'Nickel' },
  titanium: { zh: '钛（金红石）', en: 'Titanium (rutile)' },
  rare_earth: { zh: '稀土', en: 'Rare earths' },
  limestone: { zh: '石灰岩', en: 'Limestone' },
  dolomite: { zh: '白云岩', en: 'Dolomite' },
  gypsum: { zh: '石膏', en: 'Gypsum' },
  fluorite: { zh: '萤石', en: 'Fluorite' },
  phosphate: { zh: '磷矿', en: 'Phosphate' },
  graphite: { zh: '石墨', en: 'Graphite' },
  granite: { zh: '花岗岩', en: 'Granite' },
  marble: { zh: '大理岩', en: 'Marble' },
  sandstone: { zh: '砂岩', en: 'Sandstone' },
  sand_gravel: { zh: '砂石', en: 'Sand and gravel' },
  clay: { zh: '黏土', en: 'Clay' },
  refractory_clay: { zh: '耐火黏土', en: 'Refractory clay' },
  kaolin: { zh: '高岭土', en: 'Kaolin' },
  bentonite: { zh: '膨润土', en: 'Bentonite' },
  silica: { zh: '硅石（石英岩）', en: 'Silica (quartzite)' },
  feldspar: { zh: '长石', en: 'Feldspar' },
  pyrite: { zh: '硫铁矿', en: 'Pyrite' },
  mirabilite: { zh: '芒硝', en: 'Mirabilite' },
  salt: { zh: '盐矿', en: 'Salt' },
};

/** Other names met in records, spreadsheets and licences, mapped to their codes. */
const ALIASES: Record<string, string> = {
  尾矿坝: 'tailings_pond',
  地下开采: 'underground',
  井工: 'underground',
  露天开采: 'open_pit',
  在建: 'construction',
  建设: 'construction',
  正常生产: 'producing',
  停产: 'suspended',
  停建: 'suspended',
  拟关闭: 'awaiting_closure',
  待闭库: 'awaiting_closure',
  关闭: 'closed',
  已闭库: 'closed',
  闭库: 'closed',
  一次建坝: 'one_time',
  一次性: 'one_time',
  铝: 'bauxite',
  铝矿: 'bauxite',
  铝土: 'bauxite',
  钛: 'titanium',
  金红石: 'titanium',
  石灰石: 'limestone',
  灰岩: 'limestone',
  白云石: 'dolomite',
  大理石: 'marble',
  花岗石: 'granite',
  粘土: 'clay',
  耐火粘土: 'refractory_clay',
  硅石: 'silica',
  石英岩: 'silica',
  黄铁矿: 'pyrite',
  硫: 'pyrite',
};

/** Trims, folds runs of spaces and lower-cases Latin letters, so 'Open-pit mine' and ' open-pit  MINE' meet. */
function normalise(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The code for a value given as its code, its Chinese or English label, or a known other name;
 * '铁矿' reads as '铁'. Null when nothing matches.
 */
export function fromLabel<K extends string>(codes: readonly K[], labels: Record<K, Label>, raw: string): K | null {
  const want = normalise(raw);
  if (!want) return null;
  const candidates = want.endsWith('矿') && want.length > 1 ? [want, want.slice(0, -1)] : [want];
  for (const c of candidates) {
    const hit = codes.find((k) => k === c || normalise(labels[k].zh) === c || normalise(labels[k].en) === c || normalise(labels[k].zh.replace(/（.*）$/, '')) === c);
    if (hit) return hit;
    const alias = ALIASES[c];
    if (alias && (codes as readonly string[]).includes(alias)) return alias as K;
  }
  return null;
}

export const parseSiteKind = (raw: string): SiteKind | null => fromLabel(SITE_KINDS, SITE_KIND_LABELS, raw);
export const parseSiteStatus = (raw: string): SiteStatus | null => fromLabel(SITE_STATUSES, SITE_STATUS_LABELS, raw);
export const parseDamType = (raw: string): DamType | null => fromLabel(DAM_TYPES, DAM_TYPE_LABELS, raw);
export const parseMineral = (raw: string): Mineral | null => fromLabel(MINERALS, MINERAL_LABELS, raw);
export const parseRole = (raw: string): Role | null => fromLabel(ROLES, ROLE_LABELS, raw);

export function isSiteKind(v: unknown): v is SiteKind {
  return typeof v === 'string' && (SITE_KINDS as readonly string[]).includes(v);
}
export function isSiteStatus(v: unknown): v is SiteStatus {
  return typeof v === 'string' && (SITE_STATUSES as readonly string[]).includes(v);
}
export function isDamType(v: unknown): v is DamType {
  return typeof v === 'string' && (DAM_TYPES as readonly string[]).includes(v);
}
export function isMineral(v: unknown): v is Mineral {
  return typeof v === 'string' && (MINERALS as readonly string[]).includes(v);
}

/** A mineral's label in the given language; a code outside the list is shown as written. */
export function mineralLabel(code: string, lang: keyof Label = 'zh'): string {
  return isMineral(code) ? MINERAL_LABELS[code][lang] : code;
}
