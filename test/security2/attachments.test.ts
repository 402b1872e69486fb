/**
 * R-LC-1 / R-IN-2 evidence files: accepted by content only, size-limited, stored content-addressed
 * outside the web root, recorded in the event log, served only inside the reader's scope.
 * The test owns its organisation and users (test/helpers/factories.ts): a group with a real-estate
 * project and a fuel station (each with a department) and a manufacturer, under companies of their own.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createSecApp, type SecApp } from './helpers.ts';
import { buildCompany, buildDepartments, buildGroup, buildUnit, buildUser, type User } from '../helpers/factories.ts';
import { placeComplaint, type Placed } from '../security/security-fixtures.ts';

type Role = 'agent' | 'specialist' | 'handler' | 'qa' | 'admin' | 'auditor';

let t: SecApp;
let users: Record<Role, User>;
let c: Placed;
let elsewhere: Placed;

before(async () => {
  t = await createSecApp();
  const group = await buildGroup(t);
  const garden = await buildUnit(t, { pack: 'real-estate', companyId: (await buildCompany(t, { groupId: group.id })).id });
  const station = await buildUnit(t, { pack: 'fuel-retail', companyId: (await buildCompany(t, { groupId: group.id })).id });
  const mfg = await buildUnit(t, { pack: 'manufacturing', companyId: (await buildCompany(t, { groupId: group.id })).id });
  const [eng] = await buildDepartments(t, garden, ['工程管理部']);
  const [ops] = await buildDepartments(t, station, ['站务班组']);
  users = {
    agent: await buildUser(t, { role: 'agent', orgNodeId: group.id }),
    specialist: await buildUser(t, { role: 'specialist', orgNodeId: garden.id }),
    handler: await buildUser(t, { role: 'handler', orgNodeId: eng.id }),
    qa: await buildUser(t, { role: 'qa', orgNodeId: mfg.companyId }),
    admin: await buildUser(t, { role: 'admin', orgNodeId: group.id }),
    auditor: await buildUser(t, { role: 'auditor', orgNodeId: group.id }),
  };
  c = await placeComplaint(t, garden.id, eng.id, { as: users.admin });
  elsewhere = await placeComplaint(t, station.id, ops.id, { as: users.admin });
});
after(async () => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake png body')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF body')]);
const GIF = Buffer.from('GIF89a........');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 body')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

function multipart(filename: string, type: string, bytes: Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----plaint${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(id: string, filename: string, type: string, bytes: Buffer, role: Role = 'agent') {
  const m = multipart(filename, type, bytes);
  return t.app.inject({
    method: 'POST',
    url: `/api/complaints/${id}/attachments`,
    payload: m.payload,
    headers: { ...m.headers, authorization: `Bearer ${await t.tokenFor(users[role])}` },
  });
}

test('images and PDF are accepted by their content, stored content-addressed and deduplicated, and logged as attachment_added', async () => {
  const eventsBefore = (await t.api('GET', `/api/complaints/${c.id}/events`, undefined, { as: users.agent })).json().length;
  const cases: [string, string, Buffer, string][] = [
    ['漏水照片.png', 'image/png', PNG, 'image/png'],
    ['photo.bin', 'application/octet-stream', JPEG, 'image/jpeg'], // the name and declared type do not matter
    ['anim.gif', 'image/gif', GIF, 'image/gif'],
    ['pic.webp', 'image/webp', WEBP, 'image/webp'],
    ['report.pdf', 'application/pdf', PDF, 'application/pdf'],
  ];
  for (const [name, declared, bytes, mime] of cases) {
    const res = await upload(c.id, name, declared, bytes);
    assert.equal(res.statusCode, 201, res.body);
    const sha = createHash('sha256').update(bytes).digest('hex');
    assert.equal(res.json().mime, mime);
    assert.equal(res.json().sha256, sha);
    assert.equal(res.json().size, bytes.length);
    const stored = path.join(t.attachmentsDir, sha.slice(0, 2), sha);
    assert.deepEqual(fs.readFileSync(stored), bytes, 'stored under <dir>/<sha[0..2]>/<sha>');
  }
  // The same bytes twice: two records, one stored file.
  assert.equal((await upload(c.id, 'again.png', 'image/png', PNG, 'handler')).statusCode, 201, 'the department may add evidence too');
  const sha = createHash('sha256').update(PNG).digest('hex');
  assert.deepEqual(
    fs.readdirSync(path.join(t.attachmentsDir, sha.slice(0, 2))).filter((f) => f.startsWith(sha)),
    [sha],
  );

  const list = await t.api('GET', `/api/complaints/${c.id}/attachments`, undefined, { as: users.auditor });
  assert.equal(list.statusCode, 200);
  assert.equal(list.json().length, 6);
  assert.equal(list.json()[0].filename, '漏水照片.png');
  assert.equal(list.json()[1].filename, 'photo.jpg', 'the extension follows the content');

  const events = (await t.api('GET', `/api/complaints/${c.id}/events`, undefined, { as: users.agent })).json();
  const added = events.slice(eventsBefore);
  assert.equal(added.length, 6);
  assert.ok(added.every((e: { type: string }) => e.type === 'attachment_added'));
  assert.equal(added[0].data.sha256, createHash('sha256').update(PNG).digest('hex'));
  assert.equal(added[0].data.attachmentId, list.json()[0].id);
  const verify = await t.api('GET', `/api/admin/event-log/verify?complaintId=${c.id}`, undefined, { as: users.admin });
  assert.equal(verify.json().intact, true, 'the events extend the hash chain');
});

test('anything else is refused by content (415), empty or missing files 400, over 10 MB 413; nothing is stored or logged', async () => {
  const countsBefore = await t.tableCounts();
  const filesBefore = fs.readdirSync(t.attachmentsDir).length;
  assert.equal((await upload(c.id, 'photo.png', 'image/png', HTML)).statusCode, 415, 'HTML named .png');
  assert.equal((await upload(c.id, 'x.pdf', 'application/pdf', Buffer.from('%PD'))).statusCode, 415);
  assert.equal((await upload(c.id, 'a.exe', 'image/jpeg', Buffer.from('MZ\x90\x00'))).statusCode, 415);
  assert.equal((await upload(c.id, 'empty.png', 'image/png', Buffer.alloc(0))).statusCode, 400);
  const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
  const tooBig = await upload(c.id, 'big.png', 'image/png', big);
  assert.equal(tooBig.statusCode, 413, tooBig.body);
  const json = await t.api('POST', `/api/complaints/${c.id}/attachments`, { file: 'x' }, { as: users.agent });
  assert.equal(json.statusCode, 415, json.body);
  const broken = await t.app.inject({
    method: 'POST',
    url: `/api/complaints/${c.id}/attachments`,
    payload: 'garbage',
    headers: { 'content-type': 'multipart/form-data', authorization: `Bearer ${await t.tokenFor(users.agent)}` },
  });
  assert.ok(broken.statusCode >= 400 && broken.statusCode < 500, `${broken.statusCode} ${broken.body}`);
  const noFile = await t.app.inject({
    method: 'POST',
    url: `/api/complaints/${c.id}/attachments`,
    payload: '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nv\r\n--b--\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=b', authorization: `Bearer ${await t.tokenFor(users.agent)}` },
  });
  assert.equal(noFile.statusCode, 400, noFile.body);
  assert.deepEqual(await t.tableCounts(), countsBefore);
  assert.equal(fs.readdirSync(t.attachmentsDir).length, filesBefore);
});

test('scope and role: upload and download only inside the scope (404 outside), auditor reads but may not add', async () => {
  assert.equal((await upload(elsewhere.id, 'p.png', 'image/png', PNG, 'specialist')).statusCode, 404, 'out of scope');
  assert.equal((await upload(c.id, 'p.png', 'image/png', PNG, 'auditor')).statusCode, 403);
  const mine = await upload(elsewhere.id, 'fuel.jpg', 'image/jpeg', JPEG, 'admin');
  assert.equal(mine.statusCode, 201);
  const id = mine.json().id as string;
  for (const role of ['specialist', 'handler', 'qa'] as const) {
    const res = await t.api('GET', `/api/attachments/${id}`, undefined, { as: users[role] });
    assert.equal(res.statusCode, 404, `${role}: ${res.body}`);
    assert.ok(!res.rawPayload.includes(JPEG));
    assert.equal((await t.api('GET', `/api/complaints/${elsewhere.id}/attachments`, undefined, { as: users[role] })).statusCode, 404, role);
  }
  assert.equal((await t.api('GET', `/api/attachments/${crypto.randomUUID()}`, undefined, { as: users.agent })).statusCode, 404);
  assert.equal((await t.api('GET', '/api/attachments/../../etc/passwd', undefined, { as: users.agent })).statusCode, 404);
  assert.equal((await t.api('GET', '/api/attachments/not-a-uuid', undefined, { as: users.agent })).statusCode, 400);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/attachments/${id}` })).statusCode, 401);
});

test('a download carries the sniffed type, a disposition, nosniff and a CSP that runs nothing', async () => {
  const png = (await upload(c.id, 'evil".html', 'text/html', PNG)).json();
  const res = await t.api('GET', `/api/attachments/${png.id}`, undefined, { as: users.auditor });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.rawPayload, PNG);
  assert.equal(res.headers['content-type'], 'image/png');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(String(res.headers['content-disposition']), /^inline; filename="evil\.png"; filename\*=UTF-8''evil\.png$/);
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /sandbox/);
  assert.doesNotMatch(csp, /script-src/);
  const pdf = (await t.api('GET', `/api/complaints/${c.id}/attachments`, undefined, { as: users.agent }))
    .json()
    .find((a: { mime: string }) => a.mime === 'application/pdf');
  const dl = await t.api('GET', `/api/attachments/${pdf.id}`, undefined, { as: users.agent });
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.match(String(dl.headers['content-disposition']), /^attachment; filename="report\.pdf"/);
});
