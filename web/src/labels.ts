// Chinese names and colours of the graph's labels, warning kinds and colours, channels and common fields.

export type NodeStyle = { zh: string; color: string; shape: string };

export const NODE_STYLES: Record<string, NodeStyle> = {
  Person: { zh: "人员", color: "#2f6fdd", shape: "ellipse" },
  Organization: { zh: "单位", color: "#7b4bd6", shape: "round-rectangle" },
  Dispute: { zh: "纠纷", color: "#e4572e", shape: "diamond" },
  Report: { zh: "报件", color: "#f0a202", shape: "rectangle" },
  Phone: { zh: "电话", color: "#19a974", shape: "round-triangle" },
  IdNumber: { zh: "身份证号", color: "#2a9d8f", shape: "tag" },
  Place: { zh: "地点", color: "#8d6e63", shape: "round-pentagon" },
  Area: { zh: "区域", color: "#607d8b", shape: "hexagon" },
  Warning: { zh: "预警", color: "#d7263d", shape: "star" },
  Notice: { zh: "通报", color: "#c2185b", shape: "vee" },
  Category: { zh: "类别", color: "#9e9d24", shape: "barrel" },
  Keyword: { zh: "关键词", color: "#5c6bc0", shape: "round-tag" },
  Party: { zh: "当事方记录", color: "#90a4ae", shape: "round-rectangle" },
  KeyPersonEntry: { zh: "重点人员登记", color: "#ad1457", shape: "round-diamond" },
  Unit: { zh: "处置单位", color: "#00897b", shape: "round-rectangle" },
  WorkOrder: { zh: "工单", color: "#6d4c41", shape: "rectangle" },
  Visit: { zh: "回访", color: "#558b2f", shape: "round-rectangle" },
  ReportVersion: { zh: "报件历史版本", color: "#bcaaa4", shape: "rectangle" },
};
/** The labels drawn in the legend (the brief's twelve); the others are styled but not listed. */
export const LEGEND_LABELS = [
  "Person", "Organization", "Dispute", "Report", "Phone", "IdNumber", "Place", "Area", "Warning", "Notice", "Category", "Keyword",
];
export const OTHER_STYLE: NodeStyle = { zh: "其他", color: "#9aa5b1", shape: "ellipse" };

export function labelZh(label: unknown): string {
  const name = String(label ?? "");
  return NODE_STYLES[name]?.zh ?? (name || OTHER_STYLE.zh);
}

export function styleOf(label: unknown): NodeStyle {
  return NODE_STYLES[String(label ?? "")] ?? OTHER_STYLE;
}

export const COLOURS = ["red", "orange", "yellow", "blue"] as const;
export type Colour = (typeof COLOURS)[number];
export const COLOUR_ZH: Record<string, string> = { red: "红色", orange: "橙色", yellow: "黄色", blue: "蓝色" };
export const COLOUR_HEX: Record<string, string> = {
  red: "#d7263d",
  orange: "#f4791f",
  yellow: "#e0b100",
  blue: "#2f6fdd",
};

export const WARNING_KIND_ZH: Record<string, string> = {
  risk: "风险评分",
  repeat: "重复纠纷",
  respondent: "同一被反映方",
  prior_record: "前科关联",
  surge: "异常激增",
  recurrence: "反复发生",
};

export const STATUS_ZH: Record<string, string> = {
  open: "待处置",
  acknowledged: "已签收",
  downgraded: "已降级",
  closed: "已关闭",
  resolved: "已化解",
  archived: "已归档",
};

/** A dispute's flags (`app/elements/models.py` FLAG_NAMES). */
export const FLAG_ZH: Record<string, string> = {
  major: "重大",
  repeat: "重复",
  group: "群体性",
  sensitive: "敏感涉稳",
};

/** Score and evidence factors (`config/scoring.yaml`, detection evidence); others show as they are. */
export const FACTOR_ZH: Record<string, string> = {
  key_person: "重点人员",
  prior_record: "前科记录",
  notice: "提示函/警示函",
  key_place: "重点场所",
  keyword: "关键词",
  escalation: "升级言行",
  group_size: "涉及人数",
  repeat: "重复纠纷",
  repeat_count: "重复纠纷",
  channel: "反映渠道",
  department_risk: "部门评定风险",
  amount: "涉及金额",
  dispute_risk: "纠纷风险",
};

export function factorZh(factor: unknown): string {
  const name = String(factor ?? "");
  return FACTOR_ZH[name] ?? name;
}

// The same names as the service writes (loaders/model.py CHANNEL_NAMES_ZH).
export const CHANNEL_ZH: Record<string, string> = {
  hotline12345: "12345热线",
  police110: "110警情",
  grid: "网格上报",
  qrcode: "扫码上报",
  department: "部门排查",
};

export const EDGE_ZH: Record<string, string> = {
  PART_OF: "隶属",
  IN_AREA: "所在区域",
  OF_DISPUTE: "属于纠纷",
  PREVIOUS_VERSION: "历史版本",
  HAS_PARTY: "当事方",
  RESOLVED_TO: "识别为",
  PARTY_IN: "当事人",
  HAS_ID_NUMBER: "身份证",
  HAS_PHONE: "电话",
  CONTACT_PHONE: "联系电话",
  AT_PLACE: "发生地",
  OF_CATEGORY: "类别",
  HAS_KEYWORD: "关键词",
  SIMILAR_TO: "相似",
  LISTED_AS: "列管",
  ABOUT: "涉及",
  EVIDENCE: "证据",
  FOR_DISPUTE: "针对",
  ASSIGNED_TO: "交办",
  COVERS: "负责",
};

export function edgeZh(type: unknown): string {
  const name = String(type ?? "");
  return EDGE_ZH[name] ?? name;
}

/** Chinese names of fields that the API's records commonly carry; other fields show as they are. */
export const FIELD_ZH: Record<string, string> = {
  id: "编号",
  key: "标识",
  pid: "人员标识",
  code: "代码",
  name: "名称",
  title: "标题",
  summary: "摘要",
  caption: "说明",
  label: "类型",
  kind: "种类",
  kinds: "关联方式",
  category: "类别",
  category_name: "类别",
  channel: "渠道",
  channels: "渠道",
  status: "状态",
  level: "等级",
  level_name: "等级",
  colour: "颜色",
  score: "评分",
  total: "合计",
  points: "分值",
  factor: "因素",
  detail: "说明",
  reasons: "理由",
  reason: "理由",
  text: "内容",
  content: "内容",
  address: "地址",
  place: "地点",
  area: "区域",
  area_code: "区域代码",
  area_name: "区域",
  street: "街道",
  community: "社区",
  grid: "网格",
  phone: "电话",
  phones: "电话",
  id_number: "身份证号",
  gender: "性别",
  birth_date: "出生日期",
  aliases: "别名",
  key_category: "人员类别",
  control_level: "管控级别",
  relation: "当事人关系",
  amounts: "涉及金额",
  people_count: "涉及人数",
  case_code: "案件编码",
  report_count: "报件数",
  primary_report: "主报件",
  last_reported_at: "最近反映时间",
  first_reported_at: "首次反映时间",
  category_confidence: "类别置信度",
  risk_score: "风险评分",
  risk_colour: "风险颜色",
  value: "值",
  items: "明细",
  node_label: "证据节点类型",
  node_key: "证据节点",
  keyword_hits: "关键词命中",
  organizations: "单位",
  persons: "人员",
  department: "部门",
  merge_reason: "合并依据",
  merge_confidence: "合并置信度",
  risk_level: "风险等级",
  handling_unit: "承办单位",
  request_type: "诉求类型",
  is_dispute: "是否纠纷",
  dispute_confidence: "纠纷置信度",
  category_evidence: "类别依据",
  places: "地点",
  time_of_day: "时段",
  season: "季节",
  relation_evidence: "关系依据",
  escalation_words: "升级词",
  occupation: "职业",
  key_person: "重点人员",
  taxonomy_version: "分类版本",
  truncated: "已截断",
  number: "号码",
  age: "年龄",
  role: "角色",
  parties: "当事人",
  reports: "报件",
  elements: "要素",
  flags: "标记",
  evidence: "证据",
  breakdown: "评分构成",
  who: "人物",
  when: "时间",
  where: "地点",
  what: "事由",
  why: "原因",
  how: "方式",
  keywords: "关键词",
  reported_at: "反映时间",
  occurred_at: "发生时间",
  received_at: "受理时间",
  created_at: "创建时间",
  updated_at: "更新时间",
  as_of: "计算时点",
  leader: "牵头单位",
  rule_version: "规则版本",
  count: "数量",
  path: "路径",
  source: "来源",
  source_id: "来源编号",
  date: "日期",
  issued_at: "下发日期",
  issuer: "下发单位",
  receiver: "接收单位",
  subject: "对象",
  warnings: "预警",
};

export function fieldZh(name: string): string {
  return FIELD_ZH[name] ?? name;
}
