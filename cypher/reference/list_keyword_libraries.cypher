// The keyword libraries as loaded from the risk database.
// scope: none (reference data)
// params: none
// returns: library, words
MATCH (k:Keyword)
WHERE k.in_library = true
RETURN k.library AS library, collect(k.word) AS words
ORDER BY library
