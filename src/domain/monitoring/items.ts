/**
 * Monitoring items (监测项目) as GB 39496-2020 §5.5.2 lists them, and which item each sensor kind
 * measures. The warning aggregation of §5.5.4 counts points within an item and items within the pond:
 * an item is one of these, not a sensor kind (surface and internal displacement are one item, 坝体位移).
 *
 * Decision on freeboard (安全超高): it is the crest (or beach top) less the pond water level, a
 * relation of the water to the dam. §5.5.2 names the dry beach by its length and slope only; the
 * freeboard a platform derives from the water level belongs to 库水位's item, so one high-water event
 * counts once. A freeboard sensor measured on its own is filed the same way, for the same reason.
 *
 * Kinds of underground mines and open pits are not §5.5.2 pond items: each is an item of its own.
 */
import type { SensorKind } from './sensor-kinds.ts';

export const MONITORING_ITEMS = [
  'dam_displacement',
  'phreatic_line',
  'dry_beach',
  'water_level',
  'rainfall',
  'landslide_displacement',
  'video',
  'pore_pressure',
  'seepage_flow',
  'turbidity',
  'ground_pressure',
  'people_underground',
  'slope_displacement',
  'gas_co',
  'gas_o2',
  'gas_h2s',
] as const;
export type MonitoringItem = (typeof MONITORING_ITEMS)[number];

export interface ItemInfo {
  zh: string;
  en: string;
  source: string;
}

const S552 = 'GB 39496-2020 §5.5.2';
const S552_EXTRA = 'GB 39496-2020 §5.5.2（三等及以上湿式尾矿库，必要时）';
const NOT_POND = 'platform default: not a §5.5.2 pond item, one item per quantity';

export const ITEM_INFO: Readonly<Record<MonitoringItem, ItemInfo>> = {
  dam_displacement: { zh: '坝体位移', en: 'Dam displacement', source: `${S552}: 坝体位移（表面位移、内部位移）` },
  phreatic_line: { zh: '浸润线', en: 'Phreatic line', source: `${S552}: 浸润线（埋深或高程）` },
  dry_beach: { zh: '干滩', en: 'Dry beach', source: `${S552}: 干滩长度、坡度` },
  water_level: { zh: '库水位', en: 'Pond water level', source: `${S552}: 库水位；安全超高由库水位推算，归入库水位（平台决定）` },
  rainfall: { zh: '降水量', en: 'Rainfall', source: `${S552}: 降水量` },
  landslide_displacement: { zh: '库区滑坡体位移', en: 'Landslide displacement', source: `${S552}: 库区滑坡体位移` },
  video: { zh: '视频', en: 'Video', source: `${S552}: 视频监控` },
  pore_pressure: { zh: '孔隙水压力', en: 'Pore water pressure', source: S552_EXTRA },
  seepage_flow: { zh: '渗流量', en: 'Seepage flow', source: S552_EXTRA },
  turbidity: { zh: '浑浊度', en: 'Turbidity', source: S552_EXTRA },
  ground_pressure: { zh: '地压', en: 'Ground pressure', source: NOT_POND },
  people_underground: { zh: '井下人数', en: 'People underground', source: NOT_POND },
  slope_displacement: { zh: '边坡位移', en: 'Slope displacement', source: NOT_POND },
  gas_co: { zh: '一氧化碳', en: 'Carbon monoxide', source: NOT_POND },
  gas_o2: { zh: '氧气', en: 'Oxygen', source: NOT_POND },
  gas_h2s: { zh: '硫化氢', en: 'Hydrogen sulphide', source: NOT_POND },
};

/** Sensor kind → the monitoring item it measures. */
export const ITEM_OF_KIND: Readonly<Record<SensorKind, MonitoringItem>> = {
  water_level: 'water_level',
  freeboard: 'water_level',
  beach_length: 'dry_beach',
  beach_slope: 'dry_beach',
  phreatic_depth: 'phreatic_line',
  phreatic_elevation: 'phreatic_line',
  surface_displacement: 'dam_displacement',
  internal_displacement: 'dam_displacement',
  landslide_displacement: 'landslide_displacement',
  rainfall: 'rainfall',
  seepage_flow: 'seepage_flow',
  pore_pressure: 'pore_pressure',
  turbidity: 'turbidity',
  ground_pressure: 'ground_pressure',
  people_underground: 'people_underground',
  slope_displacement: 'slope_displacement',
  gas_co: 'gas_co',
  gas_o2: 'gas_o2',
  gas_h2s: 'gas_h2s',
  video_status: 'video',
};

/** The item a kind belongs to; an unknown kind (a newer node's) is its own item. */
export function itemOf(kind: string): string {
  return (ITEM_OF_KIND as Record<string, MonitoringItem | undefined>)[kind] ?? kind;
}

export function itemOrder(item: string): number {
  const i = (MONITORING_ITEMS as readonly string[]).indexOf(item);
  return i < 0 ? MONITORING_ITEMS.length : i;
}

