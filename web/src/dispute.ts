// The dispute view: the case's elements, flags with evidence, score breakdown, records and parties,
// then the related cases with the reasons (and paths) that link them.

import { api, messageOf } from "./api";
import { h, isObject, listOf, replace, str, text, time } from "./dom";
import { CHANNEL_ZH, COLOUR_HEX, COLOUR_ZH, fieldZh, FLAG_ZH, STATUS_ZH } from "./labels";
import { chip, propList, section, table, valueNode } from "./render";
import type { GraphData, Shell } from "./types";

type Rec = Record<string, unknown>;

export const RELATED_KIND_ZH: Record<string, string> = {
  same_incident: "同一事件",
  same_person: "同一当事人",
  same_respondent: "同一被反映方",
  shared_phone: "共用电话",
  shared_id_number: "共用身份证号",
  same_place: "同一地点",
  similar: "相似案件",
  resolved_similar: "已化解的相似案件",
};

/** Fields shown in the header line or in a section of their own. */
const SECTIONED = [
  "elements", "flags", "score", "score_breakdown", "breakdown", "reports", "parties", "persons", "organizations",
  "dispute", "area", "place",
];

/** An area or place object as one line: its name and code. */
function placeText(value: unknown): string {
  if (!isObject(value)) return text(value);
  const name = str(value.name ?? value.key);
  const code = str(value.code);
  return code && code !== name ? `${name}（${code}）` : name || "—";
}

function titleOf(dispute: Rec): string {
  return str(dispute.title ?? dispute.summary ?? dispute.case_code ?? dispute.id) || "（无标题）";
}

function channelZh(value: unknown): string {
  return CHANNEL_ZH[str(value)] ?? str(value);
}

export class DisputeView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly related: HTMLElement;
  private current = "";

  constructor(private readonly shell: Shell) {
    this.body = h("div", { id: "dispute-body", class: "dispute-body" });
    this.related = h("div", { id: "dispute-related", class: "dispute-related" });
    this.element = h(
      "div",
      { class: "view view-dispute", id: "view-dispute" },
      h("div", { class: "dispute-columns" }, this.body, this.related),
    );
    replace(this.body, h("p", { class: "muted" }, "在图谱或预警中选择一起纠纷查看案件详情。"));
  }

  shown(): void {
    // Nothing to refresh: the case is loaded when it is opened.
  }

  get id(): string {
    return this.current;
  }

  async open(id: string): Promise<void> {
    this.current = id;
    replace(this.body, h("h2", null, `纠纷 ${id}`), h("p", { class: "muted" }, "加载中…"));
    replace(this.related, h("h2", null, "关联案件"), h("p", { class: "muted" }, "加载中…"));
    const path = `/disputes/${encodeURIComponent(id)}`;
    await Promise.all([
      api<Rec>(path).then(
        (data) => this.renderDispute(id, isObject(data) ? data : {}),
        (error) => replace(this.body, h("h2", null, `纠纷 ${id}`), h("p", { class: "error" }, messageOf(error))),
      ),
      api<unknown>(`${path}/related`).then(
        (data) => this.renderRelated(data),
        (error) => replace(this.related, h("h2", null, "关联案件"), h("p", { class: "error" }, messageOf(error))),
      ),
    ]);
  }

  private renderDispute(id: string, data: Rec): void {
    // The dispute's own fields may sit at the top level or under `dispute`.
    const dispute: Rec = isObject(data.dispute) ? { ...data.dispute, ...data } : data;
    const scalars: Rec = Object.fromEntries(
      Object.entries(dispute).filter(([name, value]) => !SECTIONED.includes(name) && !isObject(value) && !(Array.isArray(value) && value.some(isObject))),
    );
    if (dispute.area !== undefined) scalars.area = placeText(dispute.area);
    if (dispute.place !== undefined) scalars.place = placeText(dispute.place);
    const parties = [
      ...listOf<Rec>(dispute.parties ?? dispute.persons, "parties", "persons").map((party) => ({ ...party, __label: "Person" })),
      ...listOf<Rec>(dispute.organizations).map((org) => ({ ...org, __label: "Organization" })),
    ];
    const others = Object.entries(dispute).filter(
      ([name, value]) => !SECTIONED.includes(name) && (isObject(value) || (Array.isArray(value) && value.some(isObject))),
    );
    replace(
      this.body,
      h("h2", null, chip("纠纷", "#e4572e"), " ", h("span", { class: "node-title" }, titleOf(dispute))),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", onclick: () => this.shell.openNode({ label: "Dispute", key: id }) }, "在图谱中查看"),
      ),
      section("基本信息", propList(scalars)),
      "elements" in dispute ? section("要素", valueNode("elements", dispute.elements)) : null,
      "flags" in dispute ? section("标记", this.flags(dispute.flags)) : null,
      this.score(dispute),
      "parties" in dispute || "persons" in dispute || "organizations" in dispute ? section("当事人", this.parties(parties)) : null,
      "reports" in dispute ? section("报件", this.reports(listOf<Rec>(dispute.reports))) : null,
      others.map(([name, value]) => section(fieldZh(name), valueNode(name, value))),
    );
  }

  private flags(value: unknown): HTMLElement {
    const flags = listOf<unknown>(value, "flags");
    if (!flags.length && isObject(value)) return propList(value);
    if (!flags.length) return h("p", { class: "muted" }, "（无标记）");
    return h(
      "ul",
      { class: "flags" },
      flags.map((flag) => {
        if (!isObject(flag)) return h("li", null, text(flag));
        const name = str(flag.label ?? flag.name ?? flag.title ?? flag.flag ?? flag.code ?? flag.kind);
        const evidence = flag.evidence;
        const rest = Object.fromEntries(
          Object.entries(flag).filter(([key]) => !["label", "name", "title", "flag", "code", "kind", "evidence"].includes(key)),
        );
        return h(
          "li",
          null,
          h("strong", { title: name }, FLAG_ZH[name] ?? (name || "标记")),
          Object.keys(rest).length ? propList(rest) : null,
          evidence !== undefined ? h("div", { class: "flag-evidence" }, h("span", { class: "muted" }, "证据："), valueNode("evidence", evidence)) : null,
        );
      }),
    );
  }

  private score(dispute: Rec): HTMLElement | null {
    const score = dispute.score;
    const breakdown =
      dispute.score_breakdown ?? dispute.breakdown ?? (isObject(score) ? score.breakdown ?? score.factors ?? score.items : undefined);
    if (score === undefined && breakdown === undefined) return null;
    if (score === null) return section("风险评分", h("p", { class: "muted" }, "尚未评分"));
    const total = isObject(score) ? score.total ?? score.score ?? score.value : score;
    const colour = isObject(score) ? str(score.colour) : "";
    const extra = isObject(score)
      ? Object.fromEntries(
          Object.entries(score).filter(([name]) => !["breakdown", "factors", "items", "total", "score", "value", "colour", "level"].includes(name)),
        )
      : {};
    const rows = listOf<Rec>(breakdown);
    return section(
      "风险评分",
      total !== undefined
        ? h("p", { class: "score-total" }, `总分 ${text(total)} `, colour ? chip(COLOUR_ZH[colour] ?? colour, COLOUR_HEX[colour]) : null)
        : null,
      Object.keys(extra).length ? propList(extra) : null,
      rows.length ? table(rows, 0, ["factor", "points", "detail", "node_label", "node_key"]) : breakdown !== undefined ? valueNode("breakdown", breakdown) : null,
    );
  }

  private parties(value: unknown): HTMLElement {
    const parties = listOf<Rec>(value, "parties");
    if (!parties.length) return h("p", { class: "muted" }, "（无）");
    return h(
      "ul",
      { class: "parties" },
      parties.map((party) => {
        const person = isObject(party.person) ? party.person : party;
        const label = str(party.__label) || "Person";
        const key = str(person.pid ?? person.key ?? person.id);
        const roles = party.roles ?? party.role;
        const name = str(person.name ?? person.caption) || key || "（未知）";
        const rest = Object.fromEntries(
          Object.entries(person).filter(([field]) => !["name", "caption", "pid", "key", "id", "role", "roles", "person", "__label"].includes(field)),
        );
        return h(
          "li",
          null,
          h("strong", null, name),
          roles !== undefined ? h("span", { class: "muted" }, `（${text(roles)}）`) : null,
          key ? h("button", { type: "button", class: "small", onclick: () => this.shell.openNode({ label, key }) }, "图谱") : null,
          Object.keys(rest).length ? h("details", null, h("summary", null, "更多"), propList(rest)) : null,
        );
      }),
    );
  }

  private reports(reports: Rec[]): HTMLElement {
    if (!reports.length) return h("p", { class: "muted" }, "（无）");
    return h(
      "ul",
      { class: "reports" },
      reports.map((report) => {
        const rest = Object.fromEntries(
          Object.entries(report).filter(([name]) => !["channel", "channel_label", "reported_at", "title", "why", "path", "elements"].includes(name)),
        );
        const path = report.path;
        const elements = report.elements;
        return h(
          "li",
          null,
          h(
            "div",
            null,
            chip(str(report.channel_label) || channelZh(report.channel) || "报件", "#f0a202"),
            " ",
            h("strong", null, str(report.title || report.text || report.content || report.source_id || report.key) || "（无标题）"),
            h("span", { class: "muted" }, ` ${time(report.reported_at)}`),
          ),
          report.why ? h("p", { class: "why" }, `关联依据：${str(report.why)}`) : null,
          isObject(path)
            ? h("button", { type: "button", class: "small", onclick: () => this.shell.showGraph(path as GraphData, "报件与案件的关联路径（红色标出）") }, "查看路径")
            : null,
          isObject(elements) ? h("details", { open: true }, h("summary", null, "识别要素"), propList(elements)) : null,
          Object.keys(rest).length ? h("details", null, h("summary", null, "报件详情"), propList(rest)) : null,
        );
      }),
    );
  }

  private renderRelated(data: unknown): void {
    const answer: Rec = isObject(data) ? data : {};
    const items = listOf<Rec>(data, "related");
    const sameIncident = listOf<Rec>(answer.same_incident);
    const notes = listOf<unknown>(answer.notes).map(str);
    if (typeof answer.note === "string") notes.push(answer.note);
    replace(
      this.related,
      h("h2", null, `关联案件（${items.length}）`),
      notes.length || answer.truncated
        ? h("p", { class: "warn" }, [answer.truncated ? "结果已截断。" : "", ...notes].join(" "))
        : null,
      sameIncident.length ? section("同一事件的其他报件", this.reports(sameIncident)) : null,
      items.length ? h("ol", { class: "related", id: "related-list" }, items.map((item) => this.relatedItem(item))) : h("p", { class: "muted" }, "未发现关联案件。"),
    );
  }

  private relatedItem(item: Rec): HTMLElement {
    const dispute: Rec = isObject(item.dispute) ? item.dispute : item;
    const id = str(dispute.id ?? dispute.key);
    const reasons = Array.isArray(item.reasons) ? item.reasons : item.reasons ? [item.reasons] : [];
    const kinds = new Set<string>(listOf<unknown>(item.kinds).map(str));
    for (const reason of reasons) if (isObject(reason) && reason.kind) kinds.add(str(reason.kind));
    const meta = [
      str(dispute.case_code),
      str(dispute.category),
      time(dispute.occurred_at ?? dispute.reported_at),
      STATUS_ZH[str(dispute.status)] ?? str(dispute.status),
      listOf<unknown>(dispute.channels).map(channelZh).join("、"),
    ].filter((part) => part && part !== "—");
    return h(
      "li",
      { class: "related-item" },
      h(
        "div",
        { class: "related-head" },
        h("strong", null, titleOf(dispute)),
        item.score !== undefined ? h("span", { class: "points" }, `关联度 ${text(item.score)}`) : null,
      ),
      meta.length ? h("p", { class: "muted" }, meta.join(" · ")) : null,
      h("div", { class: "kinds" }, [...kinds].map((kind) => chip(RELATED_KIND_ZH[kind] ?? kind, "#0b7285"))),
      h(
        "ul",
        { class: "reasons" },
        reasons.map((reason) => {
          if (!isObject(reason)) return h("li", null, text(reason));
          const path = reason.path;
          return h(
            "li",
            null,
            str(reason.text ?? reason.detail ?? reason.reason ?? reason.kind),
            reason.strength !== undefined ? h("span", { class: "muted" }, `（强度 ${text(reason.strength)}）`) : null,
            isObject(path)
              ? h("button", { type: "button", class: "small", onclick: () => this.shell.showGraph(path as GraphData, `关联路径：${str(reason.text)}`) }, "查看路径")
              : null,
          );
        }),
      ),
      h(
        "div",
        { class: "actions" },
        id ? h("button", { type: "button", class: "small primary", onclick: () => this.shell.openDispute(id) }, "打开案件") : null,
        isObject(item.path)
          ? h("button", { type: "button", class: "small", onclick: () => this.shell.showGraph(item.path as GraphData, `与 ${titleOf(dispute)} 的关联路径`) }, "查看路径")
          : id && this.current
            ? h("button", { type: "button", class: "small", onclick: () => this.shell.findPath({ label: "Dispute", key: this.current }, { label: "Dispute", key: id }) }, "查找路径")
            : null,
      ),
    );
  }
}
