/**
 * Import benchmark (issue #17): a generated ledger of 100,000 rows (BENCH_IMPORT_ROWS for another
 * size) imported into a scratch database on the PostgreSQL server of DATABASE_URL (default the local
 * one; loopback only), through the use case POST /api/imports calls. Target: the real run under a
 * minute. Prints the dry run and the real run beside the target and writes bench/results/import.json.
 * The machine is shared: beside the wall time it prints the CPU seconds of this process and of the
 * database backend, which do not move with whatever else runs (their sum is the wall time of an idle
 * machine that does not overlap the two).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/import.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertLoopback, loadAverage, machineInfo } from './machine.ts';
import { createScratchDatabase, ROOT } from '../test/faults/helpers.ts';
import { backendCpuMs, backendCpuSince } from './cpu-time.ts';
import { openDatabase } from '../src/data/db.ts';
import { migrate } from '../src/data/migrate.ts';
import { ensureDemoOrganisation } from '../src/seed/seed-demo.ts';
import { importComplaints, type ImportRequest } from '../src/use-cases/imports/import-complaints.ts';

const ROWS = Math.max(1, Number(process.env.BENCH_IMPORT_ROWS ?? 100_000) || 100_000);
const TARGET_S = 60;
const BASE_URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';

const TOPICS = ['热线无人接听', '维修迟迟不到', '客服态度差', '账单多扣费', '快递破损', '退款未到账', '信息泄露', '排队时间过长'];
const CATEGORIES = ['服务质量', '服务态度', '处理不及时', '个人信息及隐私', '其他'];

/** A ledger as a service centre keeps one: every tenth row closed, some multi-line content, phones repeating. */
function ledger(rows: number): Buffer {
  const lines = ['编号,项目,受理时间,渠道,投诉人,联系电话,投诉标题,投诉内容,类别,状态,结案时间'];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const day = new Date(start + (i % 600) * 86_400_000 + (i % 540) * 60_000);
    const d = day.toISOString().slice(0, 16).replace('T', ' ');
    const closed = i % 10 !== 0;
    const topic = TOPICS[i % TOPICS.length];
    const content = `"客户反映${topic},第${i}号记录。${i % 7 === 0 ? '\n要求尽快回电说明情况。' : ''}"`;
    const phone = `139${String(10_000_000 + (i % 40_000)).padStart(8, '0')}`;
    lines.push(
      [
        `BENCH-${i}`,
        'u-svc',
        d,
        '电话',
        `客户${i % 5000}`,
        phone,
        topic,
        content,
        CATEGORIES[i % CATEGORIES.length],
        closed ? '已结案' : '处理中',
        closed ? d : '',
      ].join(','),
    );
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

async function main(): Promise<void> {
  assertLoopback(BASE_URL);
  const machine = machineInfo();
  console.log(
    `Plaint import benchmark — ${ROWS.toLocaleString('en')} rows; ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  const scratch = await createScratchDatabase(BASE_URL, 'plaint_import');
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: null, poolSize: 4 });
  try {
    await migrate(database.db);
    await ensureDemoOrganisation(database.db);
    const bytes = ledger(ROWS);
    console.log(`ledger: ${(bytes.length / 1024 / 1024).toFixed(1)} MB of CSV (the upload limit is 20 MB)`);
    const deps = { db: database.db, now: () => new Date(), logKey: Buffer.alloc(32, 7) };
    const user = { id: '00000000-0000-0000-0000-000000000000', role: 'admin', orgNodeId: null };
    const actor = { id: null, label: 'bench', role: 'admin' };
    const req: ImportRequest = {
      bytes,
      filename: 'bench-ledger.csv',
      header: true,
      mapping: {
        externalId: '编号',
        unitId: '项目',
        receivedAt: '受理时间',
        channel: '渠道',
        'customer.name': '投诉人',
        'customer.phone': '联系电话',
        title: '投诉标题',
        content: '投诉内容',
        categoryId: '类别',
        status: '状态',
        closedAt: '结案时间',
      },
      defaults: {},
      dryRun: true,
    };
    let t0 = performance.now();
    const dry = await importComplaints(deps, user, actor, req);
    const dryS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const cpuBefore = process.cpuUsage();
    const backendBefore = backendCpuMs(scratch.name);
    const real = await importComplaints(deps, user, actor, { ...req, dryRun: false });
    const realS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const nodeCpuS = (cpu.user + cpu.system) / 1e6;
    const dbCpuS = backendCpuSince(scratch.name, backendBefore) / 1000;
    t0 = performance.now();
    const again = await importComplaints(deps, user, actor, { ...req, dryRun: false });
    const againS = (performance.now() - t0) / 1000;
    const check = (r: typeof dry, created: number, duplicates: number) => {
      if (r.rowsRead !== ROWS || r.created !== created || r.duplicates !== duplicates || r.errors.length)
        throw new Error(`unexpected result: ${JSON.stringify({ ...r, errors: r.errors.slice(0, 3) })}`);
    };
    check(dry, ROWS, 0);
    check(real, ROWS, 0);
    check(again, 0, ROWS);
    console.log(`dry run       ${dryS.toFixed(1)} s`);
    console.log(
      `real run      ${realS.toFixed(1)} s   target < ${TARGET_S} s   ${realS < TARGET_S ? 'met' : 'MISSED'}  (${Math.round(ROWS / realS).toLocaleString('en')} rows/s)`,
    );
    console.log(
      `              CPU: Plaint ${nodeCpuS.toFixed(1)} s + PostgreSQL backend ${dbCpuS.toFixed(1)} s = ${(nodeCpuS + dbCpuS).toFixed(1)} s (load average now ${loadAverage().join(' ')})`,
    );
    console.log(`re-import     ${againS.toFixed(1)} s   (all ${ROWS.toLocaleString('en')} duplicates)`);
    const out = path.join(ROOT, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, 'import.json'),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine,
          rows: ROWS,
          mb: +(bytes.length / 1024 / 1024).toFixed(1),
          dryRunS: +dryS.toFixed(1),
          realRunS: +realS.toFixed(1),
          realRunCpuS: { plaint: +nodeCpuS.toFixed(1), postgres: +dbCpuS.toFixed(1) },
          reimportS: +againS.toFixed(1),
          targetS: TARGET_S,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await database.close();
    await scratch.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
