-- 019: reserved. Issue 15's e-filing work takes number 019 on its own branch; this file only
-- keeps the sequence whole on the branch of migration 020 (several node processes, issue 13)
-- and is replaced by issue 15's 019 when the two are merged. It changes nothing.
SELECT 1;
