// Organizations whose key holds a short form a text names them by (世天物业 in 鹤壁市世天物业服务有限公司),
// for linking the short form to the one full-named organization it can mean (the caller checks the rest).
// scope: none (an organization has no district; its disputes may be in any; nothing is shown to the caller)
// params: shorts (list of short forms)
// returns: short, key
UNWIND $shorts AS short
MATCH (o:Organization)
WHERE o.key CONTAINS short
RETURN short, o.key AS key
