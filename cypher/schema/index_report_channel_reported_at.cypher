// Range index for channel timelines.
// params: none; returns: nothing
CREATE INDEX index_report_channel_reported_at IF NOT EXISTS FOR (n:Report) ON (n.channel, n.reported_at)
