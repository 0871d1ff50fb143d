-- 019 (PostgreSQL): reserved, as ../019-reserved.sql: replaced by issue 15's 019 at the merge.
SELECT 1;
