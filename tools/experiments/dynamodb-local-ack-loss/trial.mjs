// DynamoDB Local durability experiment: are acknowledged TransactWriteItems lost
// when the server is stopped with a signal and restarted on the same -dbPath?
//
// usage: node trial.mjs MODE TRIALS [WRITERS] [WRITE_MS]
//   MODE = TERM | KILL | STOPTERM   (STOPTERM: SIGSTOP, wait 3 s, SIGTERM then SIGCONT)
// One fresh -dbPath (mkdtemp) per trial; the restart in that trial reuses the same dbPath and port.
// Appends one JSON line per trial to results-MODE.jsonl and prints a summary.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, openSync, closeSync, appendFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  DynamoDBClient, CreateTableCommand, ListTablesCommand, TransactWriteItemsCommand, QueryCommand,
} from '@aws-sdk/client-dynamodb';

// DDB_JAR: the DynamoDBLocal.jar that ./test.sh installs under .tools/dynamodb (see README.md).
const JAR = process.env.DDB_JAR;
if (!JAR) { console.error('set DDB_JAR to the path of DynamoDBLocal.jar'); process.exit(2); }
const JAR_DIR = dirname(JAR);
const MODE = process.argv[2] ?? 'TERM';
const TRIALS = Number(process.argv[3] ?? 1);
const WRITERS = Number(process.argv[4] ?? 6);
const WRITE_MS = Number(process.argv[5] ?? 2000);
const TABLE = 'events';
const OUT = new URL(`./results-${MODE}${process.env.QUIET_MS ? '-quiet' + process.env.QUIET_MS : ''}.jsonl`, import.meta.url).pathname;

const now = () => performance.timeOrigin + performance.now(); // epoch ms, sub-ms resolution
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
  });
}

function startJava(dbPath, port, logFile) {
  const fd = openSync(logFile, 'a');
  const args = ['-XX:+UseSerialGC', `-Djava.library.path=${JAR_DIR}/DynamoDBLocal_lib`, '-jar', 'DynamoDBLocal.jar',
    '-dbPath', dbPath, '-sharedDb', '-disableTelemetry', '-port', String(port)];
  const child = spawn('java', args, { cwd: JAR_DIR, env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal, t: now() })));
  child.cmd = `cd ${JAR_DIR} && DDB_LOCAL_TELEMETRY=0 java ${args.join(' ')}`;
  return child;
}

function mkClient(port) {
  return new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1, // no SDK retries: every success is exactly one acknowledged request
  });
}

async function waitReady(client, child, timeoutMs = 90000) {
  const t0 = now();
  let exited = false; child.exited.then(() => { exited = true; });
  while (now() - t0 < timeoutMs) {
    if (exited) throw new Error('java exited during startup');
    try { await client.send(new ListTablesCommand({})); return now() - t0; } catch { await sleep(200); }
  }
  throw new Error('java not ready');
}

const pad = (v) => String(v).padStart(8, '0');

async function runTrial(idx) {
  const dbPath = mkdtempSync(join(tmpdir(), `ddbx-${MODE}-${idx}-`));
  const port = await freePort();
  const logs = new URL('./logs', import.meta.url).pathname;
  mkdirSync(logs, { recursive: true });
  const logFile = join(logs, `${MODE}${process.env.QUIET_MS ? '-quiet' : ''}-${idx}.log`);
  const rec = { mode: MODE, trial: idx, dbPath, port };

  // ---- phase 1: write, then signal
  let java = startJava(dbPath, port, logFile);
  rec.cmd = java.cmd; rec.pid1 = java.pid;
  let client = mkClient(port);
  rec.startupMs1 = Math.round(await waitReady(client, java));
  await client.send(new CreateTableCommand({
    TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  }));

  const acks = [];      // {g, v, tSend, tAck}
  const failures = [];  // {g, v, tSend, tErr, err}
  let stop = false;
  async function writer(g) {
    const pk = { S: `game-${g}` };
    let expected = 0;
    while (!stop) {
      const v = expected + 1;
      const update = {
        TableName: TABLE, Key: { pk, sk: { S: 'header' } },
        UpdateExpression: 'SET #v = :nv',
        ConditionExpression: expected === 0 ? 'attribute_not_exists(#v)' : '#v = :ev',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: expected === 0 ? { ':nv': { N: String(v) } } : { ':nv': { N: String(v) }, ':ev': { N: String(expected) } },
      };
      const put = { TableName: TABLE, Item: { pk, sk: { S: `event-${pad(v)}` }, version: { N: String(v) }, payload: { S: 'x'.repeat(200) } } };
      const tSend = now();
      try {
        await client.send(new TransactWriteItemsCommand({ TransactItems: [{ Update: update }, { Put: put }] }));
        acks.push({ g, v, tSend, tAck: now() });
        expected = v;
      } catch (e) {
        failures.push({ g, v, tSend, tErr: now(), err: `${e.name}: ${String(e.message).slice(0, 120)}` });
        return; // stop this writer at its first error
      }
    }
  }
  const tW0 = now();
  const writers = Array.from({ length: WRITERS }, (_, g) => writer(g));
  await sleep(WRITE_MS);

  const sig = {};
  // QUIET_MS=n: control variant - stop the writers, wait until every in-flight request has returned, wait n ms, then signal
  if (process.env.QUIET_MS) { stop = true; await Promise.all(writers); await sleep(Number(process.env.QUIET_MS)); stop = false; }
  if (MODE === 'TERM') { sig.t = now(); process.kill(java.pid, 'SIGTERM'); }
  else if (MODE === 'KILL') { sig.t = now(); process.kill(java.pid, 'SIGKILL'); }
  else if (MODE === 'STOPTERM') {
    sig.tStop = now(); process.kill(java.pid, 'SIGSTOP');
    await sleep(3000);
    sig.t = now(); process.kill(java.pid, 'SIGTERM'); process.kill(java.pid, 'SIGCONT');
  } else throw new Error('bad mode');
  rec.acksBeforeSignal = acks.filter((a) => a.tAck < (sig.tStop ?? sig.t)).length;

  // writers keep going until their first error (bounded: 20 s after signal)
  const bound = setTimeout(() => { stop = true; }, 20000);
  let killedAfter = null;
  const exitTimer = setTimeout(() => { killedAfter = 'SIGKILL after 60 s'; try { process.kill(java.pid, 'SIGKILL'); } catch {} }, 60000);
  const ex = await java.exited;
  clearTimeout(exitTimer);
  rec.exit = { code: ex.code, signal: ex.signal, msAfterSignal: +(ex.t - sig.t).toFixed(1), forced: killedAfter };
  stop = true;
  await Promise.all(writers);
  clearTimeout(bound);
  client.destroy();
  rec.writeMs = +(sig.t - tW0).toFixed(0);
  rec.acks = acks.length;
  rec.acksAfterSignal = acks.filter((a) => a.tAck >= sig.t).length;
  rec.acksDuringStop = sig.tStop ? acks.filter((a) => a.tAck >= sig.tStop && a.tAck < sig.t).length : undefined;
  rec.lastAckMsBeforeSignal = acks.length ? +(sig.t - Math.max(...acks.map((a) => a.tAck))).toFixed(2) : null;
  rec.failures = failures.map((f) => ({ ...f, tSend: +(f.tSend - sig.t).toFixed(2), tErr: +(f.tErr - sig.t).toFixed(2) }));
  rec.dbFiles = readdirSync(dbPath).map((f) => `${f}:${statSync(join(dbPath, f)).size}`);

  // ---- phase 2: restart on same dbPath + port, read back
  java = startJava(dbPath, port, logFile);
  rec.pid2 = java.pid;
  client = mkClient(port);
  rec.startupMs2 = Math.round(await waitReady(client, java));
  const tables = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  rec.tableExists = tables.includes(TABLE);
  const state = {}; // g -> {header, events:Set}
  for (let g = 0; g < WRITERS; g++) {
    state[g] = { header: null, events: new Set() };
    if (!rec.tableExists) continue;
    let ExclusiveStartKey;
    do {
      const r = await client.send(new QueryCommand({
        TableName: TABLE, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: `game-${g}` } },
        ConsistentRead: true, ExclusiveStartKey,
      }));
      for (const it of r.Items) {
        if (it.sk.S === 'header') state[g].header = Number(it.version.N);
        else state[g].events.add(Number(it.version.N));
      }
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  client.destroy();
  process.kill(java.pid, 'SIGTERM');
  const t2 = setTimeout(() => { try { process.kill(java.pid, 'SIGKILL'); } catch {} }, 30000);
  await java.exited; clearTimeout(t2);

  // ---- compare
  const lost = [];
  let persistedUnacked = 0;
  for (let g = 0; g < WRITERS; g++) {
    const ga = acks.filter((a) => a.g === g);
    const hv = state[g].header ?? 0;
    for (const a of ga) {
      const headerLost = hv < a.v;
      const eventLost = !state[g].events.has(a.v);
      if (headerLost || eventLost) {
        lost.push({ g, v: a.v, headerLost, eventLost, headerVersion: hv, ackMsRelSignal: +(a.tAck - sig.t).toFixed(2), sendMsRelSignal: +(a.tSend - sig.t).toFixed(2) });
      }
    }
    const maxAck = ga.length ? Math.max(...ga.map((a) => a.v)) : 0;
    persistedUnacked += [...state[g].events].filter((v) => v > maxAck).length;
    // consistency check: header vs events (torn transaction?)
    const maxEvent = state[g].events.size ? Math.max(...state[g].events) : 0;
    if (maxEvent !== hv || state[g].events.size !== hv) (rec.torn ??= []).push({ g, header: hv, events: state[g].events.size, maxEvent });
  }
  rec.lost = lost.length;
  rec.lostDetail = lost;
  rec.persistedUnacked = persistedUnacked; // committed although the client saw an error (not a loss)
  rmSync(dbPath, { recursive: true, force: true });
  appendFileSync(OUT, JSON.stringify(rec) + '\n');
  return rec;
}

const summary = [];
for (let i = 1; i <= TRIALS; i++) {
  const r = await runTrial(i);
  summary.push(r);
  console.log(`${MODE} #${i}: acks=${r.acks} (after signal: ${r.acksAfterSignal}${r.acksDuringStop !== undefined ? `, during stop: ${r.acksDuringStop}` : ''}) lost=${r.lost} persistedUnacked=${r.persistedUnacked} torn=${JSON.stringify(r.torn ?? [])} exit=${JSON.stringify(r.exit)} lastAckBeforeSig=${r.lastAckMsBeforeSignal}ms failures=${r.failures.length} ${r.failures.map((f) => f.err.split(':')[0]).join(',')}`);
}
console.log(`${MODE}: trials=${summary.length} totalAcks=${summary.reduce((s, r) => s + r.acks, 0)} totalLost=${summary.reduce((s, r) => s + r.lost, 0)}`);
