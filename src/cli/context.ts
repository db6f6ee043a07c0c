import { loadConfig } from '../config.ts';
import type { Principal } from '../domain/access/policy.ts';
import { createNode, type Node } from '../node.ts';

/** Operator commands act as the system administrator of this node. */
export const SYSTEM: Principal = { kind: 'user', id: 'system', name: 'kuangan-cli', role: 'admin', regionCode: null, enterpriseId: null };

export async function withNode<T>(fn: (node: Node) => Promise<T>): Promise<T> {
  const node = await createNode({ ...loadConfig(), logLevel: 'silent' });
  try {
    if (node.generatedAdminPassword) console.log(`First start: created user "admin" with password ${node.generatedAdminPassword} (shown once)`);
    return await fn(node);
  } finally {
    await node.close();
  }
}
