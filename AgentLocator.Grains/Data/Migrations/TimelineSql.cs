namespace AgentLocator.Grains.Data.Migrations;

/// <summary>
/// What the Timeline migration adds beyond EF's model: the trigram index <c>q</c> searches, a time-ordered id for
/// rows made in SQL, and the backfill that gives the calls, tasks, notes and customers that existed before the
/// timeline their events, so a customer with history does not open on an empty timeline. The cards are the shapes
/// <c>Grains/Timeline/TimelineCards</c> writes; every insert skips what already has its event, so running it again
/// adds nothing.
/// </summary>
public static class TimelineSql
{
    public const string Up = """
        CREATE INDEX ix_timeline_events_search_trgm ON timeline_events USING gin (business_id, search_text gin_trgm_ops);

        -- A UUID version 7 for a given time (PostgreSQL 15 has no uuidv7()): ids of backfilled rows sort with their time.
        CREATE FUNCTION timeline_event_id(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
            SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
        $$;
        """ + Backfill;

    public const string Backfill = """
        -- Customers: one "created" each, listing the fields they have.
        INSERT INTO timeline_events (id, business_id, customer_id, kind, occurred_at, updated_at, actor_type, actor_id, actor_name,
                                     title, summary, link, pinned, source_id, source_key, payload, search_text)
        SELECT timeline_event_id(c.created_at), c.business_id, c.id, 'customer', c.created_at, c.created_at, 'system', NULL, NULL,
               'הלקוח נוצר', c.name, '/customers/' || c.id, false, c.id, c.id || ':created',
               jsonb_build_object('change', 'created', 'source', 'agent', 'fields', (
                   SELECT coalesce(jsonb_agg(jsonb_build_object('field', f.field, 'label', f.label, 'old', NULL, 'new', f.value) ORDER BY f.ord), '[]'::jsonb)
                   FROM (VALUES (1, 'name', 'שם', c.name), (2, 'phone', 'טלפון', c.phone), (3, 'email', 'אימייל', c.email),
                                (4, 'city', 'עיר', c.city), (5, 'status', 'סטטוס', c.status),
                                (6, 'tags', 'תגיות', nullif(array_to_string(c.tags, ', '), ''))) AS f (ord, field, label, value)
                   WHERE f.value IS NOT NULL)),
               'הלקוח נוצר' || E'\n' || c.name
        FROM customers c
        WHERE NOT EXISTS (SELECT 1 FROM timeline_events e WHERE e.kind = 'customer' AND e.source_key = c.id || ':created');

        -- Calls: one each, as it ended (disposition, duration, the first thing said, the summary).
        INSERT INTO timeline_events (id, business_id, customer_id, kind, occurred_at, updated_at, actor_type, actor_id, actor_name,
                                     title, summary, link, pinned, source_id, source_key, payload, search_text)
        SELECT timeline_event_id(c.started_at), c.business_id, c.customer_id, 'call', c.started_at, c.updated_at, 'caller', NULL, left(c."from", 200),
               t.title, left(coalesce(c.summary, t.first_line), 1000), '/calls/' || c.id, false, c.id, c.id::text,
               jsonb_build_object('callId', c.id, 'disposition', c.disposition, 'durationSeconds', c.duration_seconds,
                   'recordingUrl', CASE WHEN t.has_recording THEN '/api/calls/' || c.id || '/recording' END,
                   'transcriptFirstLine', t.first_line, 'summary', left(c.summary, 1000)),
               concat_ws(E'\n', t.title, coalesce(c.summary, t.first_line), t.first_line)
        FROM calls c
        CROSS JOIN LATERAL (
            SELECT CASE WHEN c.direction LIKE 'outbound%' THEN 'שיחה יוצאת' ELSE 'שיחה נכנסת' END || ' — ' ||
                   CASE c.disposition WHEN 'message' THEN 'השאיר הודעה' WHEN 'no-message' THEN 'לא השאיר הודעה'
                                      WHEN 'missed' THEN 'לא נענתה' ELSE 'בשיחה' END AS title,
                   (SELECT left(split_part(btrim(regexp_replace(tu.transcript, '^\s+', '')), E'\n', 1), 200) FROM call_turns tu
                    WHERE tu.call_id = c.id AND btrim(coalesce(tu.transcript, '')) <> '' ORDER BY tu.number LIMIT 1) AS first_line,
                   EXISTS (SELECT 1 FROM call_turns tu WHERE tu.call_id = c.id AND tu.recording_key IS NOT NULL) AS has_recording
        ) AS t
        WHERE NOT EXISTS (SELECT 1 FROM timeline_events e WHERE e.kind = 'call' AND e.source_key = c.id::text);

        -- Tasks: "created" for each live task, and "done" for those completed.
        INSERT INTO timeline_events (id, business_id, customer_id, kind, occurred_at, updated_at, actor_type, actor_id, actor_name,
                                     title, summary, link, pinned, source_id, source_key, payload, search_text)
        SELECT timeline_event_id(x.at), t.business_id, t.customer_id, 'task', x.at, x.at, x.actor_type, x.actor_id, x.actor_name,
               left(x.verb || ': ' || t.title, 300), x.summary, '/tasks/' || t.id, false, t.id, x.source_key,
               jsonb_build_object('taskId', t.id, 'change', x.change, 'title', t.title, 'status', t.status, 'dueAt', t.due_at,
                   'snoozedUntil', NULL, 'assignee', CASE WHEN a.id IS NULL THEN NULL ELSE jsonb_build_object('id', a.id, 'name', a.display_name) END),
               concat_ws(E'\n', left(x.verb || ': ' || t.title, 300), x.summary, t.notes)
        FROM tasks t
        LEFT JOIN users a ON a.id = t.assignee_id
        LEFT JOIN users cr ON cr.id = t.created_by_id
        CROSS JOIN LATERAL (
            SELECT 'created' AS change, t.created_at AS at, 'משימה נוצרה' AS verb, t.id || ':created' AS source_key,
                   CASE WHEN cr.id IS NULL THEN 'system' ELSE 'agent' END AS actor_type, cr.id AS actor_id, cr.display_name AS actor_name,
                   left(split_part(btrim(coalesce(t.notes, '')), E'\n', 1), 300) AS summary
            UNION ALL
            SELECT 'done', t.completed_at, 'משימה הושלמה', NULL, 'system', NULL, NULL, NULL
            WHERE t.status = 'done' AND t.completed_at IS NOT NULL
        ) AS x
        WHERE t.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM timeline_events e WHERE e.kind = 'task' AND e.source_id = t.id AND e.payload ->> 'change' = x.change);

        -- Notes: one each, pinned or not as the note is.
        INSERT INTO timeline_events (id, business_id, customer_id, kind, occurred_at, updated_at, actor_type, actor_id, actor_name,
                                     title, summary, link, pinned, source_id, source_key, payload, search_text)
        SELECT timeline_event_id(n.created_at), n.business_id, n.customer_id, 'note', n.created_at, coalesce(n.edited_at, n.created_at),
               'agent', n.author_id, left(n.author_name, 200), 'הערה', left(split_part(btrim(n.text), E'\n', 1), 300),
               '/customers/' || n.customer_id, n.pinned, n.id, n.id::text,
               jsonb_build_object('noteId', n.id, 'text', n.text, 'authorId', n.author_id, 'edited', n.edited_at IS NOT NULL),
               concat_ws(E'\n', 'הערה', left(split_part(btrim(n.text), E'\n', 1), 300), n.text)
        FROM customer_notes n
        WHERE NOT EXISTS (SELECT 1 FROM timeline_events e WHERE e.kind = 'note' AND e.source_key = n.id::text);
        """;

    public const string Down = """
        DROP INDEX IF EXISTS ix_timeline_events_search_trgm;
        DROP FUNCTION IF EXISTS timeline_event_id(timestamptz);
        """;
}
