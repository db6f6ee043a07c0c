import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROBLEM_KINDS } from '../../domain/campaign/import/types.ts';
import { Invalid } from '../../domain/errors.ts';
import { readCampaignTaskList } from './import.ts';

function expectShape(r: Awaited<ReturnType<typeof readCampaignTaskList>>) {
  expect(Array.isArray(r.tasks) && Array.isArray(r.problems)).toBe(true);
  for (const t of r.tasks) {
    expect(Number.isInteger(t.number)).toBe(true);
    expect(t.deadline === null || /^\d{4}-\d{2}-\d{2}$/.test(t.deadline)).toBe(true);
  }
  for (const p of r.problems) expect(PROBLEM_KINDS).toContain(p.kind);
}

const csvPiece = fc.constantFrom(',', ';', '\t', '"', '""', '\n', '\r\n', '\r', '\uFEFF', '序号', '工作任务', '完成时限', '1', '2', '2022年', '(1)', '<p>', '|');
const csvLike = fc.array(fc.oneof(csvPiece, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((xs) => xs.join(''));

describe('the import adapters never throw on what a caller may send', () => {
  it('reads arbitrary CSV text into the contract’s shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(csvLike, fc.string({ unit: 'binary', maxLength: 300 })), async (content) => expectShape(await readCampaignTaskList({ format: 'csv', content }))),
      { numRuns: 300 },
    );
  });

  it('answers arbitrary bytes sent as xlsx with the shape or a 422 naming the field, nothing else', async () => {
    const zipHeader = fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), zipHeader), async (bytes) => {
        try {
          expectShape(await readCampaignTaskList({ format: 'xlsx', content: Buffer.from(bytes).toString('base64') }));
        } catch (err) {
          expect(err).toBeInstanceOf(Invalid);
          expect((err as Invalid).details).toEqual([expect.objectContaining({ path: 'content' })]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('answers arbitrary strings sent as xlsx content the same way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (content) => {
        await readCampaignTaskList({ format: 'xlsx', content }).then(expectShape, (err: unknown) => expect(err).toBeInstanceOf(Invalid));
      }),
      { numRuns: 200 },
    );
  });
});
