import { Command } from 'commander';
import { ROLES, type Role } from '../domain/access/roles.ts';
import { findUserByUsername } from '../store/repos/users.ts';
import { SYSTEM, withNode } from './context.ts';

export function userCommand() {
  const cmd = new Command('user').description('Manage accounts');
  cmd
    .command('create')
    .description('Create an account')
    .requiredOption('-u, --username <name>')
    .requiredOption('-p, --password <password>')
    .requiredOption('-r, --role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--region <code>', 'GB/T 2260 code (officers, inspectors, experts)')
    .option('--enterprise <id>', 'enterprise id (enterprise roles)')
    .option('--name <displayName>', 'display name')
    .action(async (o: { username: string; password: string; role: string; region?: string; enterprise?: string; name?: string }) => {
      if (!ROLES.includes(o.role as Role)) throw new Error(`Unknown role ${o.role}; one of: ${ROLES.join(', ')}`);
      await withNode(async (node) => {
        const u = await node.services.users.create(null, { username: o.username, password: o.password, role: o.role as Role, region: o.region, enterprise: o.enterprise, displayName: o.name });
        console.log(`Created ${u.username} (${u.role}) id ${u.id}`);
      });
    });
  cmd
    .command('passwd')
    .description('Set a new password for an account and end its sessions')
    .argument('<username>')
    .requiredOption('-p, --password <password>')
    .action(async (username: string, o: { password: string }) => {
      await withNode(async (node) => {
        const u = await findUserByUsername(node.store.db, username);
        if (!u) throw new Error(`No user ${username}`);
        await node.services.users.setPassword({ ...SYSTEM, id: 'system' }, u.id, o.password);
        console.log(`Password of ${username} changed; its sessions ended.`);
      });
    });
  cmd
    .command('list')
    .description('List accounts')
    .action(async () => {
      await withNode(async (node) => {
        const r = await node.services.users.list(SYSTEM, 1000, 0);
        for (const u of r.items) console.log([u.username, u.role, u.region ?? u.enterprise ?? '-', u.disabled ? 'disabled' : 'active'].join('\t'));
      });
    });
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    cmd
      .command(name)
      .argument('<username>')
      .description(`${name} an account`)
      .action(async (username: string) => {
        await withNode(async (node) => {
          const u = await findUserByUsername(node.store.db, username);
          if (!u) throw new Error(`No user ${username}`);
          await node.services.users.setDisabled(SYSTEM, u.id, disabled);
          console.log(`${username} ${disabled ? 'disabled' : 'enabled'}`);
        });
      });
  }
  return cmd;
}
