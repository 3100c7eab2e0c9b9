create index search_history_saved on search_history (user_id, name) where saved;
