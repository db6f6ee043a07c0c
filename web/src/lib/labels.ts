import type { SiteKind, SiteStatus } from '../api/types.ts';

export const SITE_KINDS: SiteKind[] = ['tailings_pond', 'underground', 'open_pit'];
export const SITE_STATUSES: SiteStatus[] = ['construction', 'producing', 'suspended', 'awaiting_closure', 'closed'];
export const DAM_TYPES = ['upstream', 'centerline', 'downstream', 'one_time'] as const;
export const GRADES = [1, 2, 3, 4, 5] as const;

// antd tag colours: kinds by family, statuses by how much supervision they call for.
export const KIND_COLOR: Record<SiteKind, string> = { tailings_pond: 'geekblue', underground: 'purple', open_pit: 'gold' };
export const STATUS_COLOR: Record<SiteStatus, string> = {
  construction: 'processing',
  producing: 'success',
  suspended: 'warning',
  awaiting_closure: 'orange',
  closed: 'default',
};
/** 一等库 is the largest, hence the most dangerous: the darkest colour. */
export const GRADE_COLOR: Record<number, string> = { 1: 'red', 2: 'volcano', 3: 'orange', 4: 'blue', 5: 'cyan' };

export function isKind(v: string | null | undefined): v is SiteKind {
  return !!v && (SITE_KINDS as string[]).includes(v);
}
export function isStatus(v: string | null | undefined): v is SiteStatus {
  return !!v && (SITE_STATUSES as string[]).includes(v);
}

/** Mineral codes the registry uses (contract: "iron", "copper" …); anything else is shown as typed. */
export const MINERALS = [
  'iron', 'copper', 'lead', 'zinc', 'gold', 'silver', 'bauxite', 'molybdenum', 'tungsten', 'tin', 'manganese', 'nickel',
  'limestone', 'dolomite', 'gypsum', 'fluorite', 'phosphate', 'graphite', 'granite', 'marble', 'sand_gravel', 'clay', 'pyrite', 'rare_earth',
] as const;
