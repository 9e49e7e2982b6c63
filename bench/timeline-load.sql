-- Loads the timeline bench's data into the demo business (run by bench/run.sh --timeline, after the API has migrated
-- and seeded): 10,000 customers and 1,000,000 timeline events, of which 10,000 belong to one customer (id below,
-- the one TimelineScenarios reads). Kinds are mixed as a busy office would have them; every card has its kind's
-- shape, so the API renders them as it renders real ones. Tops up: with -v events=N (default 1,000,000) it adds
-- events until the business has N (bench/run.sh --growth loads 10 k, then 100 k, then 1 M), and does nothing when
-- it already has them.
\set ON_ERROR_STOP on
\if :{?events}
\else
\set events 1000000
\endif
SELECT id AS business FROM businesses WHERE twilio_number = '+97235550100' \gset

SELECT count(*) AS existing FROM timeline_events WHERE business_id = :'business' AND summary LIKE 'אירוע % ביקש הצעת מחיר לחלונות' \gset
SELECT :existing >= :events AS loaded \gset
\if :loaded
\echo timeline bench data already loaded (:existing events)
\quit
\endif
SELECT NOT EXISTS (SELECT 1 FROM customers WHERE id = '0193a000-0000-7000-8000-00000000b16c') AS needs_customers \gset

BEGIN;
\if :needs_customers
INSERT INTO customers (id, business_id, name, status, tags, created_at, updated_at, last_activity_at, open_tasks, calls)
SELECT CASE WHEN i = 0 THEN '0193a000-0000-7000-8000-00000000b16c'::uuid ELSE timeline_event_id(now() - interval '400 days') END,
       :'business', 'לקוח ציר זמן ' || i, 'active', '{}', now() - interval '400 days', now(), now(), 0, 0
FROM generate_series(0, 9999) AS i;
\endif

CREATE TEMP TABLE bench_customers AS
SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM customers WHERE business_id = :'business' AND name LIKE 'לקוח ציר זמן %';

-- Event i: the first 10,000 go to the one busy customer, the rest round-robin over the other 9,999.
INSERT INTO timeline_events (id, business_id, customer_id, kind, occurred_at, updated_at, actor_type, actor_id, actor_name,
                             title, summary, link, pinned, source_id, source_key, payload, search_text)
SELECT timeline_event_id(e.at), :'business', c.id, e.kind, e.at, e.at, e.actor, NULL, NULL, e.title, e.summary, NULL, false,
       e.source, NULL,
       CASE e.kind
           WHEN 'call' THEN jsonb_build_object('callId', e.source, 'disposition', 'message', 'durationSeconds', 42,
               'recordingUrl', NULL, 'transcriptFirstLine', 'שלום, אני מתעניין בהצעה', 'summary', e.summary)
           WHEN 'task' THEN jsonb_build_object('taskId', e.source, 'change', 'created', 'title', 'להתקשר בחזרה', 'status', 'open',
               'dueAt', e.at + interval '1 day', 'snoozedUntil', NULL, 'assignee', NULL)
           WHEN 'note' THEN jsonb_build_object('noteId', e.source, 'text', e.summary, 'authorId', NULL, 'edited', false)
           ELSE jsonb_build_object('change', 'updated', 'source', 'agent', 'fields', '[]'::jsonb)
       END,
       e.title || E'\n' || e.summary
FROM (
    SELECT i,
           now() - (i * interval '37 seconds') - interval '1 minute' AS at,
           (ARRAY['call', 'task', 'task', 'note', 'customer', 'call', 'task', 'note'])[1 + i % 8] AS kind,
           CASE WHEN i % 8 IN (0, 5) THEN 'caller' ELSE 'agent' END AS actor,
           (ARRAY['שיחה נכנסת — השאיר הודעה', 'משימה נוצרה: להתקשר בחזרה', 'משימה נוצרה: לשלוח הצעה', 'הערה',
                  'פרטי הלקוח עודכנו', 'שיחה נכנסת — לא השאיר הודעה', 'משימה נוצרה: פגישה', 'הערה'])[1 + i % 8] AS title,
           'אירוע ' || i || ' ביקש הצעת מחיר לחלונות' AS summary,
           gen_random_uuid() AS source
    FROM generate_series(:existing, :events - 1) AS i
) AS e
JOIN bench_customers c ON c.n = CASE WHEN e.i < 10000 THEN 0 ELSE 1 + (e.i % 9999) END;
COMMIT;
VACUUM (ANALYZE) timeline_events;
VACUUM (ANALYZE) customers;
SELECT count(*) AS events, count(*) FILTER (WHERE customer_id = '0193a000-0000-7000-8000-00000000b16c') AS busy_customer FROM timeline_events;
