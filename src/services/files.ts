import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { canSee, requirePerson, type Principal } from '../domain/access/policy.ts';
import { Invalid, NotFound, TooLarge } from '../domain/errors.ts';
import { findFile, insertFile, type FilesTable } from '../store/repos/files.ts';
import { findEnterprise } from '../store/repos/enterprises.ts';
import { findSite } from '../store/repos/sites.ts';
import type { Deps } from './context.ts';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
const ALLOWED = /^(image\/(jpeg|png|webp|heic)|application\/pdf|video\/mp4|text\/csv|application\/vnd\.openxmlformats-officedocument\.[\w.]+|application\/octet-stream)$/;

export interface FileMeta {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  name: string | null;
  region: string;
  enterprise: string | null;
  createdAt: number;
}

const meta = (r: FilesTable): FileMeta => ({ id: r.id, sha256: r.sha256, size: Number(r.size), mime: r.mime, name: r.name, region: r.region_code, enterprise: r.enterprise_id, createdAt: Number(r.created_at) });

/**
 * Files live under <data>/files/<aa>/<sha256>, written once (same content, same blob) and made durable
 * (fsync) before the metadata row is committed. Each file belongs to a place in the hierarchy, which
 * decides who may read it.
 */
export function createFileService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'config'>) {
  const root = path.join(deps.config.dataDir, 'files');
  const blobPath = (sha: string) => path.join(root, sha.slice(0, 2), sha);

  async function place(actor: Principal, owner: { site?: string; enterprise?: string }) {
    if (owner.site) {
      const s = await findSite(deps.store.db, owner.site);
      if (!s || !canSee(actor, { regionCode: s.region, enterpriseId: s.enterprise })) throw new NotFound(`Site ${owner.site} not found`);
      return { region: s.region, enterprise: s.enterprise as string | null };
    }
    if (owner.enterprise) {
      const e = await findEnterprise(deps.store.db, owner.enterprise);
      if (!e || !canSee(actor, { regionCode: e.region, enterpriseId: e.id })) throw new NotFound(`Enterprise ${owner.enterprise} not found`);
      return { region: e.region, enterprise: e.id as string | null };
    }
    if (actor.enterpriseId) {
      const e = await findEnterprise(deps.store.db, actor.enterpriseId);
      if (e) return { region: e.region, enterprise: e.id as string | null };
    }
    return { region: actor.regionCode ?? deps.config.region, enterprise: null };
  }

  return {
    async put(actor: Principal, body: Buffer, mime: string, name: string | null, owner: { site?: string; enterprise?: string }): Promise<FileMeta> {
      // Node and device tokens carry readings and sync batches, never documents.
      requirePerson(actor, 'registry.read');
      if (body.length === 0) throw new Invalid('Empty file', [{ path: 'body', message: 'no content' }]);
      if (body.length > MAX_FILE_BYTES) throw new TooLarge(`File larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
      const type = mime.split(';')[0]!.trim().toLowerCase();
      if (!ALLOWED.test(type)) throw new Invalid(`File type ${type} is not accepted`, [{ path: 'content-type', message: 'images, PDF, MP4, CSV or Office documents' }]);
      const where = await place(actor, owner);
      const sha = crypto.createHash('sha256').update(body).digest('hex');
      const file = blobPath(sha);
      if (!fs.existsSync(file)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
        const fd = fs.openSync(tmp, 'w');
        try {
          fs.writeSync(fd, body);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        fs.renameSync(tmp, file);
      }
      const row: FilesTable = {
        id: uuidv7(), sha256: sha, size: body.length, mime: type, name: name?.slice(0, 200) ?? null,
        region_code: where.region, enterprise_id: where.enterprise, created_by: actor.id, created_at: deps.now(), origin_node: deps.nodeId,
      };
      await insertFile(deps.store.db, row);
      return meta(row);
    },

    async get(actor: Principal, id: string): Promise<{ meta: FileMeta; path: string }> {
      const r = await findFile(deps.store.db, id);
      if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound('File not found');
      return { meta: meta(r), path: blobPath(r.sha256) };
    },
  };
}

export type FileService = ReturnType<typeof createFileService>;
