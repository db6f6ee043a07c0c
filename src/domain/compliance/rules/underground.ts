import { z } from 'zod';
import { bannedEntry, matchBanned, STARTER_BANNED_LIST } from '../banned-equipment.ts';
import { CARRIES, candidate, daysBetween, defineRule, isActive, param, positive } from '../define.ts';

const SEED = '晋应急函〔2022〕136号';

export const expertConsultation = defineRule({
  id: 'expert_consultation',
  source: `${SEED} 任务清单第4、19项`,
  zh: '入井人数超过30人或井深超过800米的金属非金属地下矿山须逐一进行专家会诊',
  en: 'Underground mines with more than 30 people underground or deeper than 800 m need an expert consultation',
  params: {
    peopleAbove: param(z.number().int().min(0), 30, '入井人数超过（人）', 'More people underground than', `${SEED} 任务清单第19项「超过30人」`, 'The 2023 campaign wording is "≥ 30 on a shift"; the seed says "more than 30"'),
    depthAbove: param(positive, 800, '井深超过（米）', 'Deeper than (m)', `${SEED} 任务清单第19项`),
    validDays: param(z.number().int().min(1).max(3650), 365, '会诊有效期（天）', 'Days a consultation counts for', '平台默认值 (platform default; to confirm: the seed asks for a consultation, not how often)'),
  },
  evaluate(ctx, p) {
    return ctx.sites.filter(isActive).flatMap((s) => {
      if (s.kind !== 'underground') return [];
      const people = s.peopleUnderground !== null && s.peopleUnderground > p.peopleAbove;
      const deep = s.depth !== null && s.depth > p.depthAbove;
      if (!people && !deep) return [];
      const dates = [...(ctx.consultations.get(s.id) ?? [])].filter((d) => d <= ctx.today).sort();
      const last = dates.at(-1) ?? null;
      if (last && daysBetween(last, ctx.today) <= p.validDays) return [];
      const why = [people ? `入井人数${s.peopleUnderground}人（超过${p.peopleAbove}人）` : null, deep ? `井深${s.depth}米（超过${p.depthAbove}米）` : null].filter(Boolean).join('、');
      const message = last ? `${why}，最近一次专家会诊${last}已超过${p.validDays}天，应再次会诊` : `${why}，未见专家会诊记录`;
      return [candidate('expert_consultation', s, '', message, { peopleUnderground: s.peopleUnderground, depth: s.depth, triggers: [people && 'people', deep && 'depth'].filter(Boolean), lastConsultation: last })];
    });
  },
});

export const METALS = ['iron', 'copper', 'lead', 'zinc', 'gold', 'silver', 'bauxite', 'molybdenum', 'tungsten', 'tin', 'manganese', 'nickel', 'titanium', 'rare_earth'];

export const fillingMethod = defineRule({
  id: 'filling_method',
  source: `${SEED} 任务清单第29项`,
  zh: '新建金属地下矿山必须对能否采用充填采矿法进行论证，并优先推行尾矿充填采矿法',
  en: 'A new underground metal mine must assess whether it can use a filling method (tailings filling preferred)',
  params: {
    metals: param(z.array(z.string().min(1)).min(1).max(50), METALS, '金属矿种', 'Minerals counted as metal', '平台默认值 (platform default; the registry\'s metal minerals)'),
    constructionIsNew: param(z.boolean(), true, '基建矿山视为新建', 'Mines under construction count as new', '平台默认值 (platform default)'),
  },
  evaluate(ctx, p) {
    return ctx.sites.filter(isActive).flatMap((s) => {
      if (s.kind !== 'underground' || !s.minerals.some((m) => p.metals.includes(m))) return [];
      const facts = ctx.facts.get(s.id);
      const isNew = facts?.newMine ?? (p.constructionIsNew && s.status === 'construction');
      if (!isNew || facts?.fillingAssessedOn) return [];
      return [candidate('filling_method', s, '', '新建金属地下矿山未见充填采矿法论证记录', { minerals: s.minerals, status: s.status, newMine: facts?.newMine ?? null })];
    });
  },
});

const DANGEROUS = ['people', 'explosives', 'fuel'] as const;
const CARRY_ZH: Record<(typeof CARRIES)[number], string> = { people: '人员', explosives: '炸药', fuel: '油料', ore: '矿岩' };

export const bannedEquipment = defineRule({
  id: 'banned_equipment',
  source: `${SEED} 任务清单第10项; 金属非金属矿山禁止使用的设备及工艺目录（第一批、第二批）`,
  zh: '强制淘汰采用干式制动的无轨胶轮车运输人员、炸药、油料等落后工艺设备；禁止使用目录所列设备及工艺',
  en: 'Dry-brake trackless vehicles may not carry people, explosives or fuel; equipment and processes on the banned catalogues may not be used',
  params: {
    vehicleKinds: param(z.array(z.string().min(1)).min(1).max(20), ['trackless_vehicle'], '无轨胶轮车的设备类别', 'Register kinds counted as trackless rubber-tyred vehicles', '平台默认值 (platform default)'),
    bannedList: param(z.array(bannedEntry).max(500), STARTER_BANNED_LIST, '禁止使用的设备及工艺目录（按名称/型号匹配）', 'Banned equipment and processes (matched by name or model)', '金属非金属矿山禁止使用的设备及工艺目录', 'Starter list: to be completed from the national catalogues (须按国家目录补全)'),
  },
  evaluate(ctx, p) {
    return ctx.sites.filter(isActive).flatMap((s) =>
      (ctx.equipment.get(s.id) ?? []).flatMap((e) => {
        const out = [];
        const loads = e.carries.filter((c) => (DANGEROUS as readonly string[]).includes(c));
        if (p.vehicleKinds.includes(e.kind) && e.brakeType === 'dry' && loads.length) {
          out.push(candidate('banned_equipment', s, `${e.id}:dry_brake`, `干式制动无轨胶轮车「${e.name}」运输${loads.map((c) => CARRY_ZH[c]).join('、')}，须强制淘汰`, { equipment: e.id, name: e.name, model: e.model, brakeType: e.brakeType, carries: e.carries }));
        }
        for (const b of matchBanned(p.bannedList, e)) {
          out.push(candidate('banned_equipment', s, `${e.id}:${b.id}`, `设备「${e.name}${e.model ? `（${e.model}）` : ''}」属禁止使用目录：${b.zh}`, { equipment: e.id, name: e.name, model: e.model, banned: b.id, bannedSource: b.source, confirmed: b.confirmed }));
        }
        return out;
      }),
    );
  },
});
