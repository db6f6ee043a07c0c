import { requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { Forbidden } from '../../domain/errors.ts';

/** Rule parameters hold for every region: only an administrator of the whole platform changes them. */
export function requireConfigure(actor: Principal): void {
  requirePermission(actor, 'compliance.configure');
  if (!scopeOf(actor).all) throw new Forbidden('Only an administrator of the whole platform changes compliance rules (仅限全局管理员)');
}
