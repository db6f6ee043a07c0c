import { z } from 'zod';

/**
 * Banned equipment and processes (禁止使用的设备及工艺), matched against a site's equipment register by
 * name or model. A STARTER list only: the national catalogues (金属非金属矿山禁止使用的设备及工艺目录,
 * 第一批 (2013), 第二批 安监总管一〔2015〕13号, and later batches) are to be entered in full
 * by a province administrator from the official text — each entry keeps its source, and `confirmed`
 * says whether it was checked against that text.
 */
export const bannedEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]{1,60}$/),
  zh: z.string().min(1).max(200),
  /** Any of these (case-insensitive, spaces ignored) in the item's name or model is a match. */
  match: z.array(z.string().min(1).max(100)).min(1).max(20),
  source: z.string().min(1).max(300),
  confirmed: z.boolean(),
});
export type BannedEntry = z.infer<typeof bannedEntry>;

const BATCH2 = '金属非金属矿山禁止使用的设备及工艺目录（第二批）安监总管一〔2015〕13号';
const READ = 'item read from a public reprint of the notice; to confirm against the official text';

/** Dry brakes on trackless vehicles are checked from the register's brake type and loads, not by name. */
export const STARTER_BANNED_LIST: BannedEntry[] = [
  { id: 'tkd_hoist_control', zh: 'TKD型提升机电控装置及使用继电器结构原理的提升机电控装置', match: ['TKD'], source: `${BATCH2} 第9项; ${READ}`, confirmed: false },
  { id: 'dry_drilling_no_dust_catcher', zh: '未安装捕尘装置的干式凿岩作业', match: ['干式凿岩'], source: `${BATCH2} 第6项; ${READ}`, confirmed: false },
  { id: 'drill_without_stabiliser', zh: '无稳压装置的中深孔凿岩设备', match: ['无稳压'], source: `${BATCH2} 第4项; ${READ}`, confirmed: false },
  { id: 'pot_blasting', zh: '扩壶爆破（露天矿山）', match: ['扩壶爆破'], source: `${BATCH2} 第1项; ${READ}`, confirmed: false },
  { id: 'undercut_wall_mining', zh: '掏底崩落、掏挖开采、不分层的“一面墙”开采（露天矿山）', match: ['掏底崩落', '掏挖开采', '一面墙'], source: `${BATCH2} 第2项; ${READ}`, confirmed: false },
];

const fold = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** The entries that an item of the register matches, by name or model. */
export function matchBanned(list: BannedEntry[], item: { name: string; model: string | null }): BannedEntry[] {
  const hay = fold(`${item.name} ${item.model ?? ''}`);
  return list.filter((e) => e.match.some((m) => hay.includes(fold(m))));
}
