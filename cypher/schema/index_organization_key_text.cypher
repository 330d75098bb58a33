// Text index for finding an organization by a short form its key contains (世天物业 in 鹤壁市世天物业服务有限公司).
// params: none; returns: nothing
CREATE TEXT INDEX index_organization_key_text IF NOT EXISTS FOR (n:Organization) ON (n.key)
