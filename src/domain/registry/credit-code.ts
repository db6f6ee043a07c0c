/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters —
 * registration department (1), organisation type (1), registration authority's region code (6),
 * organisation code (9), check character (1). The alphabet is 0-9 and A-Z without I, O, Z, S, V.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Registration departments and the organisation types each may issue (GB 32100-2015 Table 1). */
const TYPES: Record<string, string> = {
  '1': '129', // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体 (+9 其他)
  '2': '19', // 外交
  '3': '1239', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};

export type CreditCodeCheck = { ok: true } | { ok: false; reason: string };

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function validateCreditCode(input: string): CreditCodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, reason: `must be 18 characters, found ${code.length} (应为18位)` };
  const bad = [...code].findIndex((c) => !ALPHABET.includes(c));
  if (bad >= 0) return { ok: false, reason: `character ${bad + 1} "${code[bad]}" is not allowed (I, O, Z, S, V and symbols are not used)` };
  const dept = code[0]!;
  const types = TYPES[dept];
  if (!types) return { ok: false, reason: `registration department "${dept}" is not defined by GB 32100 (登记管理部门代码无效)` };
  if (!types.includes(code[1]!)) return { ok: false, reason: `organisation type "${code[1]}" is not valid for department "${dept}" (机构类别代码无效)` };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, reason: 'characters 3–8 must be the 6-digit region code (登记管理机关行政区划码)' };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return { ok: false, reason: `check character should be ${expected}, found ${code[17]} (校验码错误)` };
  return { ok: true };
}
