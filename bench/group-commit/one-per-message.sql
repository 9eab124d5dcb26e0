-- One consumed message, one transaction: what PostgreSQL executes for a transition today
-- (pg_stat_statements over a `stack --stack postgres` run; bench/README.md, "Several messages
-- per transaction"). Per 10 messages, as in the workload: 3 create a timer, 3 cancel one.
-- The relay's select and update (0.3 per message) are left out of every variant alike.
-- Strings hold no colon: pgbench would read ":word" as a variable.
\set s random(1, 100000)
\set k random(1, 10)
\set t random(1, 600000)
\set m random(1, 900000000000000000)
BEGIN;
SELECT EXISTS (SELECT 1 FROM "InboxStates" WHERE "MessageId" = md5(:m::text)::uuid AND "ConsumerId" = '00000000-0000-0000-0000-000000000001');
SELECT "CorrelationId", "CaseId", "CurrentState", "ReminderTokenId", "Version" FROM "GroupCommitSagas" WHERE "CorrelationId" = md5(:s::text)::uuid FOR UPDATE;
\startpipeline
UPDATE "GroupCommitSagas" SET "CurrentState" = 'Accepted', "Version" = "Version" + 1 WHERE "CorrelationId" = md5(:s::text)::uuid;
INSERT INTO "InboxStates" VALUES (md5(:m::text)::uuid, '00000000-0000-0000-0000-000000000001', 'Coordination.SyntheticCases.SyntheticTaskStateMachine', now());
INSERT INTO "WorkflowTransitions" VALUES (gen_random_uuid(), 'SyntheticTask', md5(:s::text)::uuid, 'TaskAccepted', 'Assigned', 'Accepted', now(), md5(:m::text)::uuid, 'system');
INSERT INTO "OutboxMessages" ("MessageId", "DestinationAddress", "ContentType", "MessageType", "Body", "SentTime", "CreatedAt", "WorkflowInstanceId", "ConversationId", "CorrelationId", "SourceAddress", "Headers") VALUES (gen_random_uuid(), 'rabbitmq//127.0.0.1/bench/TaskAccepted', 'application/vnd.masstransit+json', 'urn-message-Coordination.SyntheticCases-TaskAccepted', repeat('{"x"=1}', 70), now(), now(), md5(:s::text)::uuid, gen_random_uuid(), gen_random_uuid(), 'rabbitmq//127.0.0.1/bench/task', '{}') RETURNING "SequenceNumber";
\endpipeline
\if :k <= 3
WITH job AS (INSERT INTO qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) VALUES ('S', 'n' || :m::text, 'g', null, 'Coordination.Workflows.Runtime.Scheduling.ScheduledSendJob', true, false, false, false, '\x0102') ON CONFLICT DO NOTHING RETURNING job_name, job_group),
trigger AS (INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time, trigger_state, trigger_type, start_time, end_time, misfire_instr, priority, preferred_node_auto, retry_attempt, misfire_threshold) SELECT 'S', 'n' || :m::text, 'g', job.job_name, job.job_group, null, 123456789, 'WAITING', 'SIMPLE', 1, null, 0, 5, false, 0, null FROM job RETURNING trigger_name, trigger_group)
INSERT INTO qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered) SELECT 'S', trigger.trigger_name, trigger.trigger_group, 0, 0, 0 FROM trigger;
\elif :k <= 6
\startpipeline
DELETE FROM qrtz_triggers WHERE sched_name = 'S' AND job_name = 'j' || :t::text AND job_group = 'g';
DELETE FROM qrtz_job_details WHERE sched_name = 'S' AND job_name = 'j' || :t::text AND job_group = 'g';
\endpipeline
\endif
COMMIT;
