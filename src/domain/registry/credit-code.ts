import { parseRegionCode } from '../regions/regions.ts';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015. 18 characters:
 *   1      registration department (登记管理部门代码)
 *   2      organisation type (机构类别代码), defined per department
 *   3–8    region code of the registering authority (登记管理机关行政区划码, GB/T 2260; 100000 = national)
 *   9–17   subject code (主体标识码), an organisation code per GB 11714 with its own check character
 *   18     check character (校验码)
 * Alphabet: 0-9 and A-Z without I, O, Z, S, V (31 characters, valued 0–30 in this order).
 * Check character: C18 = 31 − (Σ value(Ci) × Wi mod 31), with 31 read as 0, weights Wi = 3^(i−1) mod 31.
 * The alphabet, weights and check formula agree across the published implementations consulted
 * (e.g. hutool, the any-rule and xbeginagain/generator threads) and with the example code
 * 91350100M000100Y43 printed with the standard.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export interface RegistrationDepartment {
  zh: string;
  en: string;
  /** Organisation-type character → its name. */
  types: Readonly<Record<string, string>>;
}

/**
 * Registration departments and the organisation types each may issue: GB 32100-2015 Annex A (1–9, Y)
 * with its later amendments (A: the Central Military Commission's reform and establishment office;
 * N: agriculture, for rural collective economic organisations). The entries marked "later" come from
 * implementations that follow newer notices (G public security, J housing, Q overseas Chinese
 * federations, 3-6, 5-4/5-5, 8-2, 9-9) and are kept so that real codes of those kinds are not refused;
 * they are not confirmed against an official text.
 */
export const REGISTRATION_DEPARTMENTS: Readonly<Record<string, RegistrationDepartment>> = {
  '1': { zh: '机构编制', en: 'Establishment office', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { zh: '外交', en: 'Foreign affairs', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    zh: '司法行政',
    en: 'Justice',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '6': '商事调解组织 (later)', '9': '其他' },
  },
  '4': { zh: '文化', en: 'Culture', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': {
    zh: '民政',
    en: 'Civil affairs',
    types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '4': '村民委员会 (later)', '5': '居民委员会 (later)', '9': '其他' },
  },
  '6': { zh: '旅游', en: 'Tourism', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { zh: '宗教', en: 'Religious affairs', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { zh: '工会', en: 'Trade unions', types: { '1': '基层工会', '2': '非法人工会组织 (later)', '9': '其他' } },
  '9': { zh: '工商（市场监管）', en: 'Market regulation', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社', '9': '其他 (later)' } },
  A: { zh: '中央军委改革和编制办公室', en: 'CMC reform and establishment office', types: { '1': '军队事业单位', '9': '其他' } },
  G: { zh: '公安 (later)', en: 'Public security', types: { '1': '境外非政府组织代表机构', '9': '其他' } },
  J: { zh: '住房城乡建设 (later)', en: 'Housing and construction', types: { '1': '业主大会', '9': '其他' } },
  N: { zh: '农业（农业农村）', en: 'Agriculture', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Q: { zh: '侨联 (later)', en: 'Overseas Chinese federations', types: { '1': '区县级侨联组织', '2': '乡镇级侨联组织', '3': '村级侨联组织', '9': '其他' } },
  Y: { zh: '其他', en: 'Other', types: { '1': '其他' } },
};

export type CreditCodeCheck = { ok: true } | { ok: false; reason: string };

export interface CreditCodeOptions {
  /**
   * Also verify the subject code's own GB 11714 check character (position 17). Off by default: codes
   * handed out by registries do carry it, but a refusal on it alone would block an entry whose
   * position-18 check already holds, and hand-made test and demonstration codes do not carry it.
   */
  organisationCode?: boolean;
}

/** The check character (position 18) for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`need 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`character "${first17[i]}" is not in the credit-code alphabet`);
    sum += v * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714-1997: check character of an 8-character organisation code body: 11 − (Σ v×w mod 11); 10 → X, 11 → 0. */
export function organisationCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new RangeError(`need 8 characters, got ${first8.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = ORG_ALPHABET.indexOf(first8[i]!);
    if (v < 0) throw new RangeError(`character "${first8[i]}" is not in the organisation-code alphabet`);
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function fail(reason: string): CreditCodeCheck {
  return { ok: false, reason };
}

/** Checks a code's shape, department, type, region and check character; upper-cases and trims first. */
export function validateCreditCode(input: string, options: CreditCodeOptions = {}): CreditCodeCheck {
  if (typeof input !== 'string') return fail('统一社会信用代码应为字符串 (must be a string)');
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return fail(`应为18位，实为${code.length}位 (must be 18 characters, found ${code.length})`);
  const bad = [...code].findIndex((c) => !CREDIT_CODE_ALPHABET.includes(c));
  if (bad >= 0) {
    return fail(`第${bad + 1}位“${code[bad]}”不是允许的字符 (character ${bad + 1} "${code[bad]}" is not allowed: only 0-9 and A-Z without I, O, Z, S, V)`);
  }
  const dept = REGISTRATION_DEPARTMENTS[code[0]!];
  if (!dept) return fail(`登记管理部门代码“${code[0]}”无效 (registration department "${code[0]}" is not defined by GB 32100)`);
  if (!dept.types[code[1]!]) {
    return fail(`机构类别代码“${code[1]}”不属于登记管理部门“${code[0]}”（${dept.zh}） (organisation type "${code[1]}" is not valid for department "${code[0]}")`);
  }
  const region = code.slice(2, 8);
  if (region !== '100000' && !parseRegionCode(region).ok) {
    return fail(`第3–8位“${region}”不是有效的登记管理机关行政区划码 (characters 3–8 "${region}" are not a valid GB/T 2260 region code)`);
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return fail(`校验码应为 ${expected}，实为 ${code[17]} (check digit should be ${expected}, found ${code[17]})`);
  if (options.organisationCode) {
    const orgExpected = organisationCodeCheckChar(code.slice(8, 16));
    if (code[16] !== orgExpected) {
      return fail(`主体标识码校验位应为 ${orgExpected}，实为 ${code[16]} (organisation code check character should be ${orgExpected}, found ${code[16]}, GB 11714)`);
    }
  }
  return { ok: true };
}
