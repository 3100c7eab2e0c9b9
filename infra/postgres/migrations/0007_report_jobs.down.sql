drop table report_jobs;
