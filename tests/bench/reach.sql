-- Per touchpoint: the customers it was due for (eligible) and those who got
-- it (reached), by the definitions of evidence.md, in plain SQL that both
-- SQLite and DuckDB run. The runner (sql_reach.py) makes these first:
--   ev(customer, day, touchpoint)       every log row, day as days since 1970-01-01
--   plan(tp, stage, day)                our touchpoints: stage index, day in the stage
--   stages(stage, pstart, length)       planned start and length of each stage
--   params(late, stop, last_stage)      late-days, stop-days, the last stage's index
WITH
win AS (SELECT min(day) AS f, max(day) AS d FROM ev),
pl AS (
  SELECT e.customer, e.day, p.tp, p.stage, p.day AS tpday
  FROM ev e JOIN plan p ON p.tp = e.touchpoint
),
cs AS (
  SELECT customer, stage, min(day - tpday) AS earliest FROM pl GROUP BY customer, stage
),
firsts AS (SELECT customer, min(stage) AS first FROM cs GROUP BY customer),
known AS (
  SELECT cs.customer, cs.stage, cs.earliest AS start
  FROM cs JOIN firsts f ON f.customer = cs.customer JOIN stages st ON st.stage = cs.stage
  CROSS JOIN win
  WHERE NOT (cs.stage = f.first AND cs.earliest - win.f < st.length)
),
anchored AS (SELECT DISTINCT customer FROM pl),
prev AS (
  SELECT a.customer, s.stage, max(k.stage) AS r
  FROM anchored a CROSS JOIN stages s
  LEFT JOIN known k ON k.customer = a.customer AND k.stage < s.stage
  GROUP BY a.customer, s.stage
),
starts AS (
  SELECT p.customer, p.stage,
         CASE WHEN cs.customer IS NOT NULL THEN kn.start
              WHEN p.r IS NOT NULL THEN kr.start + s.pstart - rs.pstart END AS start
  FROM prev p
  JOIN stages s ON s.stage = p.stage
  LEFT JOIN cs ON cs.customer = p.customer AND cs.stage = p.stage
  LEFT JOIN known kn ON kn.customer = p.customer AND kn.stage = p.stage
  LEFT JOIN known kr ON kr.customer = p.customer AND kr.stage = p.r
  LEFT JOIN stages rs ON rs.stage = p.r
),
lasts AS (SELECT customer, max(day) AS last FROM ev GROUP BY customer),
inlast AS (
  SELECT DISTINCT pl.customer FROM pl CROSS JOIN params WHERE pl.stage = params.last_stage
),
ends AS (
  SELECT l.customer, l.last,
         CASE WHEN win.d - l.last > params.stop AND i.customer IS NULL THEN l.last
              ELSE win.d END AS active_end
  FROM lasts l CROSS JOIN win CROSS JOIN params
  LEFT JOIN inlast i ON i.customer = l.customer
),
eligible AS (
  SELECT s.customer, p.tp
  FROM starts s
  JOIN plan p ON p.stage = s.stage
  JOIN ends e ON e.customer = s.customer
  CROSS JOIN win CROSS JOIN params
  WHERE s.start IS NOT NULL
    AND s.start + p.day >= win.f
    AND s.start + p.day <= e.active_end
    AND win.d - (s.start + p.day) >= params.late
    AND (e.last >= s.start + p.day OR win.d - (s.start + p.day) > params.stop)
),
got AS (SELECT DISTINCT customer, tp FROM pl)
SELECT p.tp AS tp, count(el.customer) AS eligible, count(g.customer) AS reached
FROM plan p
LEFT JOIN eligible el ON el.tp = p.tp
LEFT JOIN got g ON g.customer = el.customer AND g.tp = el.tp
GROUP BY p.tp
ORDER BY p.tp;
