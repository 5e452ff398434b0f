// reach.sql in DuckDB (the @duckdb/node-api package), for sql_reach.py: a
// job on standard input ({log, sql, plan, stages, params}), the rows and
// the seconds the engine took on standard output, as JSON.
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const job = JSON.parse(input);
  const start = process.hrtime.bigint();
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const q = (s) => "'" + String(s).replace(/'/g, "''") + "'";
  await c.run(`CREATE VIEW ev AS SELECT customer,
      CAST(date_diff('day', DATE '1970-01-01', CAST(substr(date, 1, 10) AS DATE)) AS INTEGER) AS day,
      touchpoint FROM read_csv(${q(job.log)}, header = true, all_varchar = true)`);
  await c.run('CREATE TABLE plan(tp VARCHAR, stage INTEGER, day INTEGER)');
  await c.run('CREATE TABLE stages(stage INTEGER, pstart INTEGER, length INTEGER)');
  await c.run('CREATE TABLE params(late INTEGER, stop INTEGER, last_stage INTEGER)');
  for (const [tp, stage, day] of job.plan)
    await c.run(`INSERT INTO plan VALUES (${q(tp)}, ${stage}, ${day})`);
  for (const [stage, pstart, length] of job.stages)
    await c.run(`INSERT INTO stages VALUES (${stage}, ${pstart}, ${length})`);
  await c.run(`INSERT INTO params VALUES (${job.params.join(', ')})`);
  const reader = await c.runAndReadAll(job.sql);
  const rows = reader.getRowObjects().map((r) => ({
    tp: r.tp, eligible: Number(r.eligible), reached: Number(r.reached) }));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(JSON.stringify({ rows, seconds }));
}

main().catch((e) => { console.error(String(e)); process.exit(1); });
