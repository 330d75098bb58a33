// The warning board: four colour columns (red, orange, yellow, blue), a warning's reasons and evidence.

import { api, messageOf } from "./api";
import { h, isObject, listOf, replace, str, text, time, toast } from "./dom";
import { COLOUR_HEX, COLOUR_ZH, COLOURS, factorZh, labelZh, NODE_STYLES, STATUS_ZH, styleOf, WARNING_KIND_ZH } from "./labels";
import { chip, propList, section, table } from "./render";
import type { NodeRef, Shell } from "./types";

type Warning = Record<string, unknown> & {
  id?: string;
  kind?: string;
  colour?: string;
  level?: number;
  level_name?: string;
  score?: number;
  title?: string;
  reasons?: unknown;
  status?: string;
  target?: unknown;
  target_label?: string;
  target_key?: string;
  area_code?: string;
  updated_at?: string;
  evidence?: unknown;
  figures?: unknown;
  history?: unknown;
};

type Evidence = {
  factor?: string;
  points?: number;
  detail?: string;
  node_label?: string;
  node_labels?: string[];
  node_key?: string;
  node?: Record<string, unknown>;
};

const KEY_FIELDS = ["key", "id", "pid", "code", "number", "value", "name"];

/** The warning's target as a node reference, from target_label/target_key or the target object. */
export function targetOf(warning: Warning): NodeRef | null {
  if (warning.target_label && warning.target_key) {
    return { label: str(warning.target_label), key: str(warning.target_key) };
  }
  const target = warning.target;
  if (typeof target === "string" && target.includes(":")) {
    const at = target.indexOf(":");
    return { label: target.slice(0, at), key: target.slice(at + 1) };
  }
  if (isObject(target)) {
    const labels = Array.isArray(target.labels) ? target.labels : [];
    const label = str(target.label ?? labels[0]);
    const keyField = KEY_FIELDS.find((name) => target[name] !== undefined && target[name] !== null);
    if (label && keyField) return { label, key: str(target[keyField]) };
  }
  return null;
}

function targetName(warning: Warning): string {
  const target = warning.target;
  if (isObject(target)) return str(target.caption ?? target.name ?? target.title ?? target.key ?? target.id);
  return str(warning.target_key ?? target);
}

function reasonsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => (typeof item === "string" ? item : text(item)));
  return typeof value === "string" && value ? [value] : [];
}

export class WarningsView {
  readonly element: HTMLElement;
  private readonly columns: Record<string, { list: HTMLElement; count: HTMLElement }> = {};
  private readonly detail: HTMLElement;
  private readonly status: HTMLSelectElement;
  private loaded = false;

  constructor(private readonly shell: Shell) {
    this.status = h(
      "select",
      { id: "warning-status", onchange: () => void this.load() },
      ["open", "acknowledged", "downgraded", "closed"].map((value) => h("option", { value }, STATUS_ZH[value])),
    );
    const board = h("div", { class: "board" });
    for (const colour of COLOURS) {
      const count = h("span", { class: "count" }, "…");
      const list = h("div", { class: "cards" });
      this.columns[colour] = { list, count };
      board.append(
        h(
          "div",
          { class: `column column-${colour}`, id: `warnings-${colour}`, style: `--col:${COLOUR_HEX[colour]}` },
          h("h3", null, `${COLOUR_ZH[colour]}预警`, count),
          list,
        ),
      );
    }
    this.detail = h("aside", { id: "warning-detail", class: "side" });
    this.element = h(
      "div",
      { class: "view view-warnings", id: "view-warnings" },
      h(
        "div",
        { class: "toolbar" },
        h("label", null, "状态：", this.status),
        h("button", { type: "button", onclick: () => void this.load() }, "刷新"),
        h("span", { class: "muted" }, "红色为最高等级；点击预警查看理由与证据。"),
      ),
      h("div", { class: "board-body" }, board, this.detail),
    );
    this.emptyDetail();
  }

  shown(): void {
    if (!this.loaded) void this.load();
  }

  private emptyDetail(): void {
    replace(this.detail, h("h2", null, "预警详情"), h("p", { class: "muted" }, "选择左侧的一条预警。"));
  }

  async load(): Promise<void> {
    this.loaded = true;
    await Promise.all(COLOURS.map((colour) => this.loadColour(colour)));
  }

  private async loadColour(colour: string): Promise<void> {
    const { list, count } = this.columns[colour];
    replace(list, h("p", { class: "muted" }, "加载中…"));
    try {
      const page = await api<unknown>("/warnings", { status: this.status.value, colour, size: 100 });
      const items = listOf<Warning>(page, "warnings");
      const total = isObject(page) && typeof page.total === "number" ? page.total : items.length;
      count.textContent = String(total);
      if (!items.length) {
        replace(list, h("p", { class: "muted" }, "暂无"));
        return;
      }
      replace(list, items.map((item) => this.card(item)));
    } catch (error) {
      count.textContent = "!";
      replace(list, h("p", { class: "error" }, messageOf(error)));
    }
  }

  private card(warning: Warning): HTMLElement {
    const reasons = reasonsOf(warning.reasons);
    return h(
      "button",
      {
        type: "button",
        class: "warning-card",
        dataset: { id: str(warning.id) },
        onclick: () => void this.open(str(warning.id)),
      },
      h("strong", { class: "title" }, str(warning.title) || "（无标题）"),
      h(
        "span",
        { class: "meta" },
        `${WARNING_KIND_ZH[str(warning.kind)] ?? str(warning.kind)} · 评分 ${text(warning.score)} · ${time(warning.updated_at)}`,
      ),
      reasons.length ? h("span", { class: "reasons" }, reasons.slice(0, 2).join("；")) : null,
    );
  }

  /** Loads one warning with its evidence into the side panel. */
  async open(id: string): Promise<void> {
    if (!id) return;
    for (const card of this.element.querySelectorAll<HTMLElement>(".warning-card")) {
      card.classList.toggle("active", card.dataset.id === id);
    }
    replace(this.detail, h("h2", null, "预警详情"), h("p", { class: "muted" }, "加载中…"));
    try {
      const warning = await api<Warning>(`/warnings/${encodeURIComponent(id)}`);
      this.renderDetail(warning ?? {});
    } catch (error) {
      replace(this.detail, h("h2", null, "预警详情"), h("p", { class: "error" }, messageOf(error)));
      toast(messageOf(error));
    }
  }

  private renderDetail(warning: Warning): void {
    const colour = str(warning.colour);
    const target = targetOf(warning);
    const evidence = listOf<Evidence>(warning.evidence, "evidence");
    const reasons = reasonsOf(warning.reasons);
    const figures = isObject(warning.figures) ? warning.figures : {};
    const history = listOf(warning.history);
    replace(
      this.detail,
      h(
        "h2",
        null,
        chip(`${COLOUR_ZH[colour] ?? colour}${warning.level_name ? ` · ${str(warning.level_name)}` : warning.level ? ` · ${warning.level}级` : ""}`, COLOUR_HEX[colour]),
        " ",
        h("span", { class: "node-title" }, str(warning.title) || "（无标题）"),
      ),
      h(
        "p",
        { class: "muted" },
        `${WARNING_KIND_ZH[str(warning.kind)] ?? str(warning.kind)} · 评分 ${text(warning.score)} · ${
          STATUS_ZH[str(warning.status)] ?? text(warning.status)
        } · 区域 ${text(warning.area_code)} · 更新 ${time(warning.updated_at)}`,
      ),
      target
        ? h(
            "div",
            { class: "actions" },
            h("span", null, `对象：${labelZh(target.label)} ${targetName(warning) || target.key}`),
            h("button", { type: "button", id: "btn-warning-target", onclick: () => this.shell.openNode(target) }, "在图谱中查看"),
            target.label === "Dispute"
              ? h("button", { type: "button", class: "primary", onclick: () => this.shell.openDispute(target.key) }, "案件详情")
              : null,
          )
        : null,
      section("预警理由", reasons.length ? h("ul", { class: "reasons" }, reasons.map((reason) => h("li", null, reason))) : h("p", { class: "muted" }, "（无）")),
      section("证据", evidence.length ? this.evidenceList(evidence) : h("p", { class: "muted" }, "（无证据记录）")),
      Object.keys(figures).length ? section("测算数据", propList(figures)) : null,
      history.length ? section("处置记录", table(history)) : null,
    );
  }

  private evidenceList(items: Evidence[]): HTMLElement {
    return h(
      "ol",
      { class: "evidence", id: "warning-evidence" },
      items.map((item) => {
        const label = str(item.node_label ?? item.node_labels?.[0]);
        const key = str(item.node_key);
        const node = isObject(item.node) ? item.node : {};
        const inGraph = Boolean(label && key && NODE_STYLES[label]);
        return h(
          "li",
          null,
          h("div", { class: "evidence-head" }, h("strong", null, str(item.detail) || factorZh(item.factor) || "证据"), h("span", { class: "points" }, item.points !== undefined ? `${text(item.points)} 分` : "")),
          h(
            "div",
            { class: "evidence-node" },
            chip(labelZh(label), styleOf(label).color),
            h("span", { class: "evidence-key" }, key || "—"),
            h("span", { class: "muted", title: str(item.factor) }, ` ${factorZh(item.factor)}`),
            inGraph ? h("button", { type: "button", class: "small", onclick: () => this.shell.openNode({ label, key }) }, "图谱") : null,
          ),
          Object.keys(node).length ? h("details", null, h("summary", null, "证据节点属性"), propList(node)) : null,
        );
      }),
    );
  }
}
