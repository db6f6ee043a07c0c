/**
 * The campaign ledger at a province's size (100,000 campaign tasks by default, and their assignments
 * down the hierarchy): fills a store (SQLite, or PostgreSQL with DATABASE_URL) with campaigns of the
 * province, its cities and its counties over 5 years, then times the lists officers open, as each kind
 * of user sends them, p50/p99 over 20 runs. Run: npx tsx bench/tasks.ts [tasks] [--check] [--fill-only];
 * BENCH_DIR keeps the SQLite store for the next run, a filled DATABASE_URL is reused as it is.
 */
import { sql } from 'kysely';
import type { Scope } from '../src/domain/access/policy.ts';
import { TASK_STATES } from '../src/domain/campaign/task-loop.ts';
import { ASSIGNMENT_STATES } from '../src/domain/campaign/assignment-loop.ts';
import { SHANXI_REGIONS } from '../src/domain/regions/shanxi.ts';
import type { Store } from '../src/store/db.ts';
import { assignmentsOfCampaign, assignmentsOfTasks, listAssignments } from '../src/store/repos/campaign/assignments.ts';
import { listPublicTasks, listTasks } from '../src/store/repos/campaign/tasks.ts';
import type { CampaignTasksTable, TaskAssignmentsTable } from '../src/store/repos/campaign/tables.ts';
import { countRows, openBenchStore, parseArgs, settle, timer } from './officer.ts';

const args = parseArgs(100_000);
const N = args.rows;
const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;
const SPAN = 5 * 365 * DAY;
const cities = SHANXI_REGIONS.filter((r) => r.level === 'city').map((r) => r.code);
const counties = SHANXI_REGIONS.filter((r) => r.level === 'county');
const countiesOf = (city: string) => counties.filter((c) => c.parent === city).map((c) => c.code);
const countyCodes = counties.map((c) => c.code);
const date = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Campaigns of the province (500 tasks each), of each city (200) and of each county (100), until N tasks. */
function* campaigns(): Generator<{ id: string; region: string; tasks: number }> {
  for (let round = 0; ; round++) {
    yield { id: `c-p-${round}`, region: '140000', tasks: 500 };
    for (const c of cities) yield { id: `c-${c}-${round}`, region: c, tasks: 200 };
    for (const c of countyCodes.slice((round * 30) % countyCodes.length).concat(countyCodes).slice(0, 30)) yield { id: `c-${c}-${round}`, region: c, tasks: 100 };
  }
}

const blank = { sub_items: '[]', steps: '[]', visits: '[]', escalations: '[]', supervision: null, evaluation: null, remarks: null, deadline_text: null, owner: null, reminded_at: null, overdue_at: null };

function assignment(i: number, t: CampaignTasksTable, region: string, enterprise: string | null, parent: string | null, assigner: string): TaskAssignmentsTable {
  return {
    id: `a-${t.id}-${i}`,
    task_id: t.id,
    campaign_id: t.campaign_id,
    parent_id: parent,
    assigner_region: assigner,
    assigner_node: 'bench',
    campaign_name: `专项整治 ${t.campaign_id}`,
    task_number: t.number,
    task_text: t.text,
    deadline: t.deadline!,
    state: ASSIGNMENT_STATES[(t.ordinal + i) % ASSIGNMENT_STATES.length]!,
    progress: (t.ordinal * 7) % 100,
    evidence: '{"text":null,"files":[]}',
    reports: '[]',
    reviews: '[]',
    escalations: '[]',
    return_reason: null,
    reported_at: null,
    accepted_at: null,
    reminded_at: null,
    overdue_at: null,
    region_code: region,
    enterprise_id: enterprise,
    version: 1,
    origin_node: 'bench',
    created_at: t.created_at,
    updated_at: t.created_at,
  };
}

/** A province task goes to a city and on to one of its counties; a city's to a county; a county's to an enterprise there. */
function assignmentsOf(t: CampaignTasksTable, k: number): TaskAssignmentsTable[] {
  if (t.region_code === '140000') {
    const city = cities[k % cities.length]!;
    const top = assignment(0, t, city, null, null, '140000');
    const below = countiesOf(city);
    return below.length ? [top, assignment(1, t, below[k % below.length]!, null, top.id, city)] : [top];
  }
  if (t.region_code.endsWith('00')) {
    const below = countiesOf(t.region_code);
    return below.length ? [assignment(0, t, below[k % below.length]!, null, null, t.region_code)] : [];
  }
  const ci = countyCodes.indexOf(t.region_code);
  return [assignment(0, t, t.region_code, `e${ci + countyCodes.length * (k % 17)}`, null, t.region_code)];
}

async function fill(store: Store) {
  const t0 = performance.now();
  if (store.dialect === 'sqlite') store.sqlite!.exec('DROP TRIGGER IF EXISTS task_assignments_outbox_insert');
  else await sql`ALTER TABLE task_assignments DISABLE TRIGGER task_assignments_outbox`.execute(store.db);
  let made = 0;
  let assigned = 0;
  for (const c of campaigns()) {
    if (made >= N) break;
    const created = NOW - Math.floor(((made * 7919) % N) / N * SPAN);
    await store.db.insertInto('campaigns').values({ id: c.id, region_code: c.region, enterprise_id: null, version: 1, origin_node: 'bench', created_at: created, updated_at: created, name: `专项整治 ${c.id}`, year: new Date(created).getUTCFullYear(), document: null, created_by: null }).execute();
    const tasks: CampaignTasksTable[] = [];
    for (let o = 1; o <= c.tasks && made < N; o++, made++) {
      const state = TASK_STATES[made % TASK_STATES.length]!;
      tasks.push({
        ...blank,
        id: `t-${c.id}-${o}`,
        campaign_id: c.id,
        number: String(o),
        ordinal: o,
        text: o % 10 === 0 ? `排洪设施整治：第${o}项，排洪井、排水斜槽封堵检查` : `第${o}项：尾矿库安全隐患排查整治，落实闭库销号`,
        deadline: date(created + (30 + (o % 300)) * DAY),
        state,
        published_at: ['published', 'listed', 'key_supervision'].includes(state) ? created + DAY : null,
        listed_at: ['listed', 'key_supervision'].includes(state) ? created + 2 * DAY : null,
        region_code: c.region,
        enterprise_id: null,
        version: 1,
        origin_node: 'bench',
        created_at: created,
        updated_at: created,
      });
    }
    const assignments = tasks.flatMap((t, k) => assignmentsOf(t, made + k));
    await store.db.transaction().execute(async (tx) => {
      for (let i = 0; i < tasks.length; i += 400) await tx.insertInto('campaign_tasks').values(tasks.slice(i, i + 400)).execute();
      for (let i = 0; i < assignments.length; i += 400) await tx.insertInto('task_assignments').values(assignments.slice(i, i + 400)).execute();
    });
    assigned += assignments.length;
  }
  await settle(store, ['campaigns', 'campaign_tasks', 'task_assignments']);
  console.log(`${store.dialect}: ${made} tasks and ${assigned} assignments written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const { store, done } = await openBenchStore();
const have = await countRows(store, 'campaign_tasks');
if (have === 0) await fill(store);
else if (have !== N) throw new Error(`The store holds ${have} campaign tasks, not ${N}: give an empty one`);
else console.log(`${store.dialect}: reusing ${have} campaign tasks`);
if (args.fillOnly) {
  await done();
  process.exit(0);
}

const t = timer(store.dialect, args);
const page = { limit: 50, offset: 0 };
const scopes: [string, Scope, string][] = [
  ['province', { all: false, regionPrefix: '14' }, '14'],
  ['city 太原', { all: false, regionPrefix: '1401' }, '1401'],
  ['county 小店区', { all: false, regionPrefix: '140105' }, '140105'],
  ['enterprise', { all: false, enterpriseId: `e${countyCodes.indexOf('140105')}` }, '140105'],
];
/** What the task list sends: a page and the assignments of its tasks. */
const tasksPage = async (q: Parameters<typeof listTasks>[1]) => {
  const r = await listTasks(store.db, q);
  await assignmentsOfTasks(store.db, r.items.map((x) => x.id));
};
const assignmentsPage = async (q: Parameters<typeof listAssignments>[1]) => {
  const r = await listAssignments(store.db, q);
  await assignmentsOfTasks(store.db, [...new Set(r.items.map((a) => a.taskId))]);
};
const cityCampaign = 'c-140100-1';
for (const [name, scope, prefix] of scopes) {
  await t.time(`tasks, ${name}`, () => tasksPage({ ...page, scope }));
  await t.time(`tasks in progress, ${name}`, () => tasksPage({ ...page, scope, state: 'in_progress' }));
  await t.time(`tasks due before 2026-06-01, ${name}`, () => tasksPage({ ...page, scope, deadlineBefore: '2026-06-01' }));
  await t.time(`tasks searched 排洪, ${name}`, () => tasksPage({ ...page, scope, q: '排洪' }));
  await t.time(`tasks of a campaign, ${name}`, () => tasksPage({ ...page, scope, campaign: cityCampaign }));
  await t.time(`assignments, ${name}`, () => assignmentsPage({ ...page, scope }));
  await t.time(`assignments to do, ${name}`, () => assignmentsPage({ ...page, scope, state: 'assigned' }));
  await t.time(`assignments of a province campaign, ${name}`, () => assignmentsPage({ ...page, scope, campaign: 'c-p-1' }));
  if (!('enterpriseId' in scope)) {
    await t.time(`campaign roll-up (evaluation), ${name}`, () => assignmentsOfCampaign(store.db, 'c-p-1', prefix));
  }
}
await t.time('tasks, province, city filter 大同', () => tasksPage({ ...page, scope: scopes[0]![1], region: '1402' }));
await t.time('assignments, province, city filter 大同', () => assignmentsPage({ ...page, scope: scopes[0]![1], region: '1402' }));
await t.time('listed tasks (public page)', () => listPublicTasks(store.db, 50, 0));
const code = t.finish();
await done();
process.exit(code);
