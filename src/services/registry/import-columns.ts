import { DAM_TYPE_LABELS, SITE_KIND_LABELS, SITE_STATUS_LABELS, parseDamType, parseMineral, parseSiteKind, parseSiteStatus } from '../../domain/registry/site.ts';

/**
 * Column catalogue of the registry import: each column's API field, the headers it is known by
 * (Chinese first, as the template writes them), and how a cell converts.
 */
export type Converted = { ok: true; value: unknown } | { ok: false; reason: string };
export interface Column {
  key: string;
  aliases: string[];
  required?: boolean;
  convert: (raw: string) => Converted;
}

const str = (raw: string): Converted => ({ ok: true, value: raw });
const num = (raw: string): Converted => {
  const v = Number(raw.replace(/,/g, ''));
  return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, reason: `"${raw}" is not a number` };
};
const int = (raw: string): Converted => {
  const r = num(raw);
  return r.ok && !Number.isInteger(r.value) ? { ok: false, reason: `"${raw}" is not a whole number` } : r;
};
const bool = (raw: string): Converted => {
  const v = raw.toLowerCase();
  if (['是', 'true', 'yes', 'y', '1'].includes(v)) return { ok: true, value: true };
  if (['否', 'false', 'no', 'n', '0'].includes(v)) return { ok: true, value: false };
  return { ok: false, reason: `"${raw}" is not 是/否 (yes/no)` };
};
/** Accepts an enumeration's code, its Chinese or English label, or a common variant (the domain's parsers). */
const oneOf = <K extends string>(parse: (raw: string) => K | null, labels: Record<K, { zh: string }>) => (raw: string): Converted => {
  const hit = parse(raw);
  return hit ? { ok: true, value: hit } : { ok: false, reason: `"${raw}" is not one of ${Object.entries<{ zh: string }>(labels).map(([k, v]) => `${v.zh}(${k})`).join(', ')}` };
};

const KIND = oneOf(parseSiteKind, SITE_KIND_LABELS);
const STATUS = oneOf(parseSiteStatus, SITE_STATUS_LABELS);
const DAM = oneOf(parseDamType, DAM_TYPE_LABELS);
const MINERAL_LIST = (raw: string): Converted => {
  const parts = raw.split(/[,，、;；\s]+/).filter(Boolean);
  const bad = parts.filter((p) => !parseMineral(p));
  return bad.length ? { ok: false, reason: `unknown mineral ${bad.map((b) => `"${b}"`).join(', ')}` } : { ok: true, value: parts.map((p) => parseMineral(p)!) };
};

export const ENTERPRISE_COLUMNS: Column[] = [
  { key: 'name', aliases: ['企业名称', '名称'], required: true, convert: str },
  { key: 'creditCode', aliases: ['统一社会信用代码', '信用代码'], required: true, convert: str },
  { key: 'region', aliases: ['行政区划代码', '区划代码'], required: true, convert: str },
  { key: 'address', aliases: ['地址', '注册地址'], convert: str },
  { key: 'principal.name', aliases: ['主要负责人'], convert: str },
  { key: 'principal.phone', aliases: ['主要负责人电话'], convert: str },
  { key: 'safetyOfficer.name', aliases: ['安全管理人员', '安全负责人'], convert: str },
  { key: 'safetyOfficer.phone', aliases: ['安全管理人员电话', '安全负责人电话'], convert: str },
];

export const SITE_COLUMNS: Column[] = [
  { key: 'code', aliases: ['编码', '矿山编码'], required: true, convert: str },
  { key: 'name', aliases: ['名称', '矿山名称'], required: true, convert: str },
  { key: 'kind', aliases: ['类型'], required: true, convert: KIND },
  { key: 'region', aliases: ['行政区划代码', '区划代码'], required: true, convert: str },
  { key: 'enterpriseCreditCode', aliases: ['企业统一社会信用代码', '企业信用代码'], convert: str },
  { key: 'enterprise', aliases: ['企业ID'], convert: str },
  { key: 'status', aliases: ['状态'], convert: STATUS },
  { key: 'minerals', aliases: ['矿种'], convert: MINERAL_LIST },
  { key: 'miningMethod', aliases: ['开采方式', '采矿方法'], convert: str },
  { key: 'designCapacity', aliases: ['设计规模(万吨/年)', '设计规模'], convert: num },
  { key: 'actualCapacity', aliases: ['实际产能(万吨/年)', '实际产能'], convert: num },
  { key: 'depth', aliases: ['开采深度(米)', '开采深度'], convert: num },
  { key: 'peopleUnderground', aliases: ['井下人数', '单班下井人数'], convert: int },
  { key: 'standardGrade', aliases: ['标准化等级'], convert: int },
  { key: 'miningLicence', aliases: ['采矿许可证号'], convert: str },
  { key: 'safetyLicence', aliases: ['安全生产许可证号'], convert: str },
  { key: 'lng', aliases: ['经度'], convert: num },
  { key: 'lat', aliases: ['纬度'], convert: num },
  { key: 'damType', aliases: ['筑坝方式', '坝型'], convert: DAM },
  { key: 'damHeight', aliases: ['总坝高(米)', '坝高'], convert: num },
  { key: 'totalStorage', aliases: ['总库容(万立方米)', '总库容'], convert: num },
  { key: 'crestElevation', aliases: ['坝顶标高(米)', '坝顶标高'], convert: num },
  { key: 'headsUp', aliases: ['头顶库'], convert: bool },
  { key: 'residentsDistance', aliases: ['下游居民距离(米)', '下游居民距离'], convert: num },
  { key: 'isNew', aliases: ['新建或改扩建'], convert: bool },
];
