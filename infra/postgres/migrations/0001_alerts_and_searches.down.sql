drop table if exists search_history;
drop table if exists alert_rules;
drop table if exists alerts;
