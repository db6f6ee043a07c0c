import { z } from 'zod';

/** Input shapes of the registry, shared by the HTTP routes and the CSV/XLSX import. */
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const regionCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 region code');
const person = z.strictObject({ name: optText(50), phone: optText(30) });
const contact = z.strictObject({ name: text(50), role: optText(50), phone: optText(30) });

import { DAM_TYPES, MINERALS, SITE_KINDS, SITE_STATUSES } from '../../domain/registry/site.ts';

export { DAM_TYPES, SITE_KINDS, SITE_STATUSES };

export const enterpriseInput = z.strictObject({
  name: text(200),
  creditCode: z.string().trim().toUpperCase().length(18, 'must be 18 characters'),
  region: regionCode,
  address: optText(300),
  principal: person.optional(),
  safetyOfficer: person.optional(),
  contacts: z.array(contact).max(50).optional(),
});
export type EnterpriseInput = z.infer<typeof enterpriseInput>;

export const enterprisePatch = enterpriseInput.partial().extend({ version: z.number().int().positive() });
export type EnterprisePatch = z.infer<typeof enterprisePatch>;

const num = (min: number, max: number) => z.number().finite().min(min).max(max).nullable().optional();

export const siteFields = {
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - only; at most 64'),
  name: text(200),
  kind: z.enum(SITE_KINDS),
  region: regionCode,
  enterprise: z.string().trim().min(1).max(64),
  status: z.enum(SITE_STATUSES).nullable().optional(),
  minerals: z.array(z.enum(MINERALS)).max(20).optional(),
  miningMethod: optText(100),
  designCapacity: num(0, 100_000),
  actualCapacity: num(0, 100_000),
  depth: num(0, 5_000),
  peopleUnderground: z.number().int().min(0).max(10_000).nullable().optional(),
  standardGrade: z.number().int().min(1).max(3).nullable().optional(),
  miningLicence: optText(100),
  safetyLicence: optText(100),
  lng: num(73, 136),
  lat: num(3, 54),
  damType: z.enum(DAM_TYPES).nullable().optional(),
  damHeight: num(0, 500),
  totalStorage: num(0, 1_000_000),
  crestElevation: num(-500, 9_000),
  headsUp: z.boolean().nullable().optional(),
  residentsDistance: num(0, 1_000_000),
  isNew: z.boolean().nullable().optional(),
  /** The design's final total storage (10⁴ m³) and dam height (m): the design grade. */
  designStorage: num(0, 1_000_000),
  designDamHeight: num(0, 500),
  /** An old open pit storing tailings without a dam (无坝露天采坑): no grade. */
  withoutDam: z.boolean().nullable().optional(),
  /** Why a review raised the pond one grade (经论证提高一等); null or absent when none did. */
  gradeRaisedReason: optText(500),
};

export const siteInput = z.strictObject(siteFields);
export type SiteInput = z.infer<typeof siteInput>;

export const sitePatch = z.strictObject(siteFields).partial().extend({ version: z.number().int().positive() });
export type SitePatch = z.infer<typeof sitePatch>;

/** Fields that only make sense for a tailings pond. */
export const POND_FIELDS = ['damType', 'damHeight', 'totalStorage', 'crestElevation', 'headsUp', 'residentsDistance', 'isNew', 'designStorage', 'designDamHeight', 'withoutDam', 'gradeRaisedReason'] as const;
/** Fields an enterprise user may not change on its own sites: they move the site in the hierarchy. */
export const PLACEMENT_FIELDS = ['code', 'kind', 'region', 'enterprise'] as const;
