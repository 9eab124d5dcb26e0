-- Ten consumed messages, one transaction, each kind of statement once for all ten (multi-row):
-- what group commit (ADR 0014, option 2) would execute for the same ten transitions as ten
-- runs of one-per-message.sql. Rows locked in key order, as a batch would lock them.
\set s random(1, 99990)
\set t random(1, 599990)
\set m random(1, 900000000000000000)
BEGIN;
SELECT count(*) FROM "InboxStates" WHERE ("MessageId", "ConsumerId") IN (SELECT md5((:m::bigint * 10 + g)::text)::uuid, '00000000-0000-0000-0000-000000000001'::uuid FROM generate_series(0, 9) g);
SELECT "CorrelationId", "CaseId", "CurrentState", "ReminderTokenId", "Version" FROM "GroupCommitSagas" WHERE "CorrelationId" IN (SELECT md5((:s::int + g)::text)::uuid FROM generate_series(0, 9) g) ORDER BY "CorrelationId" FOR UPDATE;
\startpipeline
UPDATE "GroupCommitSagas" AS s SET "CurrentState" = v.state, "Version" = s."Version" + 1 FROM (SELECT md5((:s::int + g)::text)::uuid AS id, 'Accepted' AS state FROM generate_series(0, 9) g) v WHERE s."CorrelationId" = v.id;
INSERT INTO "InboxStates" SELECT md5((:m::bigint * 10 + g)::text)::uuid, '00000000-0000-0000-0000-000000000001', 'Coordination.SyntheticCases.SyntheticTaskStateMachine', now() FROM generate_series(0, 9) g;
INSERT INTO "WorkflowTransitions" SELECT gen_random_uuid(), 'SyntheticTask', md5((:s::int + g)::text)::uuid, 'TaskAccepted', 'Assigned', 'Accepted', now(), md5((:m::bigint * 10 + g)::text)::uuid, 'system' FROM generate_series(0, 9) g;
INSERT INTO "OutboxMessages" ("MessageId", "DestinationAddress", "ContentType", "MessageType", "Body", "SentTime", "CreatedAt", "WorkflowInstanceId", "ConversationId", "CorrelationId", "SourceAddress", "Headers") SELECT gen_random_uuid(), 'rabbitmq//127.0.0.1/bench/TaskAccepted', 'application/vnd.masstransit+json', 'urn-message-Coordination.SyntheticCases-TaskAccepted', repeat('{"x"=1}', 70), now(), now(), md5((:s::int + g)::text)::uuid, gen_random_uuid(), gen_random_uuid(), 'rabbitmq//127.0.0.1/bench/task', '{}' FROM generate_series(0, 9) g RETURNING "SequenceNumber";
WITH job AS (INSERT INTO qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) SELECT 'S', 'n' || (:m::bigint * 10 + g), 'g', null, 'Coordination.Workflows.Runtime.Scheduling.ScheduledSendJob', true, false, false, false, '\x0102'::bytea FROM generate_series(0, 2) g ON CONFLICT DO NOTHING RETURNING job_name, job_group),
trigger AS (INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, trigger_state, trigger_type, start_time, end_time, misfire_instr, priority, preferred_node_auto, retry_attempt, misfire_threshold) SELECT 'S', job.job_name, 'g', job.job_name, job.job_group, null, 123456789, 'WAITING', 'SIMPLE', 1, null, 0, 5, false, 0, null FROM job RETURNING trigger_name, trigger_group)
INSERT INTO qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) SELECT 'S', trigger.trigger_name, trigger.trigger_group, 0, 0, 0 FROM trigger;
DELETE FROM qrtz_triggers WHERE sched_name = 'S' AND job_group = 'g' AND job_name IN ('j' || :t::int, 'j' || (:t::int + 1), 'j' || (:t::int + 2));
DELETE FROM qrtz_job_details WHERE sched_name = 'S' AND job_group = 'g' AND job_name IN ('j' || :t::int, 'j' || (:t::int + 1), 'j' || (:t::int + 2));
\endpipeline
COMMIT;
