-- 007 (PostgreSQL): who holds a retrieval job's lease (docs/retrieving.md "Retries"). A worker claims a job by
-- moving its next_attempt_at into the future (the lease); lease_until repeats that time and
-- lease_holder names the process (host, pid, a random id of the process, boot id; JSON). While
-- next_attempt_at = lease_until the job is leased; a lease whose holder process is gone from this
-- host (killed, crashed, the machine restarted) is taken over at once instead of expiring, so a
-- restarted node resumes its jobs without waiting out a dead process's lease.
ALTER TABLE retrieval_jobs ADD COLUMN lease_holder TEXT;
ALTER TABLE retrieval_jobs ADD COLUMN lease_until TEXT;
