// Full-text index (CJK analyser) behind GET /api/v1/search: names, phones, ID numbers, case codes, text.
// Disputes are indexed through search_text (title and the head of the text), not their whole text twice;
// eventually consistent so that indexing runs after commit instead of inside every ingest transaction.
// params: none; returns: nothing
CREATE FULLTEXT INDEX index_search_text IF NOT EXISTS
FOR (n:Person|Party|Organization|Dispute|Phone|IdNumber|Place)
ON EACH [n.name, n.search_text, n.number, n.value, n.case_code]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: true}}
