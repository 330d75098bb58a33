// Load the keyword libraries; words no longer in a library are retired, not deleted (hits keep them).
// scope: none (reference data: the centre's keyword libraries)
// params: rows ({library, word}), libraries (names being loaded)
// returns: active
MATCH (old:Keyword)
WHERE old.library IN $libraries
SET old.in_library = false
WITH count(old) AS retired
UNWIND $rows AS row
MERGE (k:Keyword {key: row.library + '|' + row.word})
SET k.library = row.library, k.word = row.word, k.in_library = true
RETURN count(k) AS active
