// Full-text index (CJK analyser) behind GET /api/v1/search: names, phones, ID numbers, case codes, text.
// params: none; returns: nothing
CREATE FULLTEXT INDEX index_search_text IF NOT EXISTS
FOR (n:Person|Party|Organization|Dispute|Phone|IdNumber|Place)
ON EACH [n.name, n.search_text, n.number, n.value, n.case_code, n.title, n.text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}
