-- 0003's unique index search_history_saved_name covers the same columns under
-- the same condition as 0001's plain search_history_saved: the plain one only
-- costs writes.
drop index if exists search_history_saved;
