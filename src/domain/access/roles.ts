/** Roles of the contract and what each may do. Access is decided here and in policy.ts, nowhere else. */
export const ROLES = [
  'admin',
  'province_officer',
  'city_officer',
  'county_officer',
  'inspector',
  'enterprise_principal',
  'enterprise_safety_officer',
  'enterprise_staff',
  'expert',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  province_officer: { zh: '省级监管人员', en: 'Provincial officer' },
  city_officer: { zh: '市级监管人员', en: 'City officer' },
  county_officer: { zh: '县级监管人员', en: 'County officer' },
  inspector: { zh: '执法人员', en: 'Inspector' },
  enterprise_principal: { zh: '主要负责人', en: 'Enterprise principal' },
  enterprise_safety_officer: { zh: '安全管理人员', en: 'Safety officer' },
  enterprise_staff: { zh: '企业员工', en: 'Enterprise staff' },
  expert: { zh: '专家', en: 'Expert' },
};

export const OFFICER_ROLES = ['province_officer', 'city_officer', 'county_officer'] as const;
export const REGION_ROLES: readonly Role[] = [...OFFICER_ROLES, 'inspector', 'expert'];
export const ENTERPRISE_ROLES: readonly Role[] = ['enterprise_principal', 'enterprise_safety_officer', 'enterprise_staff'];

/** The level of region each officer role is bound to. */
export const OFFICER_LEVEL: Record<(typeof OFFICER_ROLES)[number], 'province' | 'city' | 'county'> = {
  province_officer: 'province',
  city_officer: 'city',
  county_officer: 'county',
};

export const PERMISSIONS = [
  'registry.read',
  'enterprise.create',
  'enterprise.update',
  'site.create',
  'site.update',
  'registry.import',
  'user.read',
  'user.create',
  'user.update',
  'network.manage',
  /** Dropout and completeness of the network (掉线率、数据完整率): supervision, not the enterprise's own view. */
  'network.read',
  'monitoring.read',
  'monitoring.configure',
  'telemetry.write',
  'alarm.respond',
  'alarm.verify',
  'settings.manage',
  // The campaign's task list (专项整治任务清单): read a list in for review before it is kept.
  'campaign.import',
  // The campaign ledger (专项整治台账): read it; run campaigns, tasks, assignments, key problems and
  // pressure measures; report an assignment's progress with evidence.
  'campaign.read',
  'campaign.manage',
  'campaign.report',
  // Compliance rules of the campaign (合规检查): read findings, run the rules, change their parameters.
  'compliance.read',
  'compliance.run',
  'compliance.configure',
  // Supervision and enforcement (监管执法): licences, scores of principal persons, cases, classes, plans, inspections.
  'enforcement.read',
  'enforcement.manage',
  'licence.manage',
  'score.record',
  'case.manage',
  'inspection.record',
  // Dual prevention (双重预防): the risk register and the hazard ledger.
  'dualprev.read',
  'risk.manage',
  'hazard.report',
  'hazard.rectify',
  'hazard.verify',
  'hazard.supervise',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const officer: Permission[] = [
  'registry.read',
  'enterprise.create',
  'enterprise.update',
  'site.create',
  'site.update',
  'registry.import',
  'user.read',
  'user.create',
  'user.update',
  'network.read',
  'monitoring.read',
  'monitoring.configure',
  'alarm.verify',
  'compliance.read',
  'compliance.run',
  'campaign.import',
  'campaign.read',
  'campaign.manage',
  'campaign.report',
];

/** Dual prevention: enterprises manage risks and run the hazard loop; the supervising level reads, verifies and lists (挂牌督办). */
const dualprevOfficer: Permission[] = ['dualprev.read', 'hazard.verify', 'hazard.supervise'];
const dualprevManager: Permission[] = ['dualprev.read', 'risk.manage', 'hazard.report', 'hazard.rectify', 'hazard.verify'];

const enforcer: Permission[] = ['enforcement.read', 'enforcement.manage', 'licence.manage', 'score.record', 'case.manage', 'inspection.record'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  province_officer: [...officer, ...enforcer, ...dualprevOfficer],
  city_officer: [...officer, ...enforcer, ...dualprevOfficer],
  county_officer: [...officer, ...enforcer, ...dualprevOfficer],
  inspector: ['registry.read', 'monitoring.read', 'alarm.verify', 'enforcement.read', 'score.record', 'inspection.record', 'compliance.read', 'campaign.read', 'dualprev.read', 'hazard.report'],
  expert: ['registry.read', 'monitoring.read', 'enforcement.read', 'compliance.read', 'campaign.read', 'dualprev.read'],
  enterprise_principal: ['registry.read', 'site.update', 'monitoring.read', 'monitoring.configure', 'telemetry.write', 'alarm.respond', 'user.read', 'enforcement.read', 'compliance.read', 'campaign.read', 'campaign.report', ...dualprevManager],
  enterprise_safety_officer: ['registry.read', 'site.update', 'monitoring.read', 'monitoring.configure', 'telemetry.write', 'alarm.respond', 'enforcement.read', 'compliance.read', 'campaign.read', 'campaign.report', ...dualprevManager],
  enterprise_staff: ['registry.read', 'monitoring.read', 'alarm.respond', 'enforcement.read', 'compliance.read', 'campaign.read', 'dualprev.read', 'hazard.report'],
};

/** Roles an account of the given role may create (always inside its own scope). */
export const CREATABLE_ROLES: Record<Role, readonly Role[]> = {
  admin: ROLES,
  province_officer: ['city_officer', 'county_officer', 'inspector', 'expert', ...ENTERPRISE_ROLES],
  city_officer: ['county_officer', 'inspector', 'expert', ...ENTERPRISE_ROLES],
  county_officer: ['inspector', ...ENTERPRISE_ROLES],
  inspector: [],
  expert: [],
  enterprise_principal: ['enterprise_safety_officer', 'enterprise_staff'],
  enterprise_safety_officer: [],
  enterprise_staff: [],
};
