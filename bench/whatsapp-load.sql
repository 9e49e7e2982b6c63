-- Loads the WhatsApp bench's thread into the demo business (run by bench/run.sh --whatsapp, after the API has migrated
-- and seeded): one customer (id below, the one WhatsAppScenarios reads) with 10,000 messages over 60 days, inbound and
-- outbound alternating in runs, with statuses, a few templates, photos and voice notes with transcripts, as a long
-- conversation has them. Does nothing when the thread is already there.
\set ON_ERROR_STOP on
SELECT id AS business, whatsapp_number AS sender FROM businesses WHERE twilio_number = '+97235550100' \gset

SELECT count(*) > 0 AS loaded FROM whatsapp_messages WHERE customer_id = '0193a000-0000-7000-8000-0000000000a5' \gset
\if :loaded
\echo whatsapp bench data already loaded
\quit
\endif

BEGIN;
INSERT INTO customers (id, business_id, name, phone, phone_digits, status, tags, created_at, updated_at, last_activity_at, open_tasks, calls)
VALUES ('0193a000-0000-7000-8000-0000000000a5', :'business', 'לקוחת וואטסאפ ותיקה', '+972549990001', '972549990001', 'active', '{}',
        now() - interval '61 days', now(), now(), 0, 0);

INSERT INTO whatsapp_messages (id, business_id, customer_id, direction, message_sid, "from", "to", body, profile_name, template_id,
                               media_json, status, transcript, created_at, updated_at)
SELECT timeline_event_id(m.at), :'business', '0193a000-0000-7000-8000-0000000000a5', m.direction,
       'SM' || md5('bench-wa-' || m.i), CASE m.direction WHEN 'inbound' THEN '+972549990001' ELSE :'sender' END,
       CASE m.direction WHEN 'inbound' THEN :'sender' ELSE '+972549990001' END,
       CASE WHEN m.i % 50 = 7 THEN NULL ELSE 'הודעה מספר ' || m.i || ': ' || repeat('תוכן השיחה ', 1 + m.i % 6) END,
       CASE m.direction WHEN 'inbound' THEN 'דנה' END,
       CASE WHEN m.direction = 'outbound' AND m.i % 97 = 0 THEN 'HX' || md5('template') END,
       CASE WHEN m.i % 50 = 7 THEN jsonb_build_array(jsonb_build_object('url', 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME' || m.i,
                'contentType', CASE WHEN m.i % 100 = 7 THEN 'audio/ogg' ELSE 'image/jpeg' END, 'mediaKey', md5('media-' || m.i), 'bytes', 48000))
            ELSE '[]'::jsonb END,
       CASE m.direction WHEN 'inbound' THEN 'received' ELSE (ARRAY['read', 'read', 'delivered', 'sent', 'failed'])[1 + m.i % 5] END,
       CASE WHEN m.i % 100 = 7 THEN 'שלום, רציתי לשאול לגבי הדירה' END,
       m.at, m.at
FROM (SELECT i, now() - interval '60 days' + i * interval '518 seconds' AS at,
             CASE WHEN (i / 3) % 2 = 0 THEN 'inbound' ELSE 'outbound' END AS direction
      FROM generate_series(0, 9999) AS i) AS m;
COMMIT;
ANALYZE whatsapp_messages;
