// Wait until the eventually consistent full-text index has caught up with committed writes.
// scope: none (index maintenance)
// params: none
// returns: nothing
CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()
