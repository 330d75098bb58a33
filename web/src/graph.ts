// The graph canvas: Cytoscape.js with one style per label, details on click, expansion on double-click,
// shortest paths between two chosen nodes.

import cytoscape from "cytoscape";
import { api, messageOf } from "./api";
import { h, replace, str, toast } from "./dom";
import { edgeZh, labelZh, LEGEND_LABELS, NODE_STYLES, OTHER_STYLE, styleOf } from "./labels";
import { chip, propList, section } from "./render";
import type { GraphData, GraphEdge, GraphNode, NodeRef, Shell } from "./types";

declare global {
  interface Window {
    __cy?: cytoscape.Core;
  }
}

export function refText(ref: NodeRef): string {
  return `${ref.label}:${ref.key}`;
}

function nodeLabel(node: GraphNode): string {
  return str(node.label ?? node.labels?.[0]);
}

function nodeId(node: GraphNode): string {
  return node.id !== undefined && node.id !== null ? String(node.id) : `${nodeLabel(node)}:${str(node.key)}`;
}

function short(value: string, length = 14): string {
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

function buildStyle(): cytoscape.StylesheetJson {
  const style: cytoscape.StylesheetJson = [
    {
      selector: "node",
      style: {
        label: "data(short)",
        "font-size": 11,
        "font-family": '"Noto Sans CJK SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif',
        color: "#1f2933",
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-outline-color": "#ffffff",
        "text-outline-width": 2,
        width: 30,
        height: 30,
        "background-color": OTHER_STYLE.color,
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    {
      selector: "edge",
      style: {
        width: 1.5,
        "line-color": "#b8c2cc",
        "target-arrow-color": "#b8c2cc",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.8,
        "curve-style": "bezier",
        label: "data(name)",
        "font-size": 9,
        color: "#52606d",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.8,
        "text-background-padding": "1px",
      },
    },
  ];
  for (const [label, look] of Object.entries(NODE_STYLES)) {
    style.push({ selector: `node[kind = "${label}"]`, style: { "background-color": look.color, shape: look.shape as cytoscape.Css.NodeShape } });
  }
  style.push(
    { selector: 'node[kind = "Dispute"], node[kind = "Person"]', style: { width: 38, height: 38 } },
    { selector: 'node[kind = "Party"], node[kind = "ReportVersion"]', style: { width: 18, height: 18, "font-size": 9 } },
    { selector: 'node[kind = "Warning"][colour = "red"]', style: { "background-color": "#d7263d" } },
    { selector: 'node[kind = "Warning"][colour = "orange"]', style: { "background-color": "#f4791f" } },
    { selector: 'node[kind = "Warning"][colour = "yellow"]', style: { "background-color": "#e0b100" } },
    { selector: 'node[kind = "Warning"][colour = "blue"]', style: { "background-color": "#2f6fdd" } },
    { selector: "node.expanded", style: { "border-width": 3, "border-color": "#1f2933", "border-style": "double" } },
    { selector: "node.endpoint", style: { "border-width": 4, "border-color": "#111827", "border-style": "dashed" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#0b7285", "overlay-opacity": 0.08 } },
    { selector: "edge:selected", style: { width: 3, "line-color": "#0b7285", "target-arrow-color": "#0b7285" } },
    { selector: "node.on-path", style: { "border-width": 4, "border-color": "#d7263d" } },
    { selector: "edge.on-path", style: { width: 4, "line-color": "#d7263d", "target-arrow-color": "#d7263d", "z-index": 10 } },
  );
  return style;
}

export class GraphView {
  readonly element: HTMLElement;
  private readonly cy: cytoscape.Core;
  private readonly canvas: HTMLElement;
  private readonly details: HTMLElement;
  private readonly status: HTMLElement;
  private readonly hops: HTMLSelectElement;
  private readonly limit: HTMLSelectElement;
  private readonly slots: HTMLElement;
  private from: NodeRef | null = null;
  private to: NodeRef | null = null;

  constructor(private readonly shell: Shell) {
    this.hops = h(
      "select",
      { id: "graph-hops", title: "展开的跳数" },
      [1, 2, 3].map((n) => h("option", { value: String(n) }, `${n} 跳`)),
    );
    this.limit = h(
      "select",
      { id: "graph-limit", title: "一次最多取回的节点数" },
      [30, 60, 120, 200].map((n) => h("option", { value: String(n), selected: n === 60 }, `上限 ${n}`)),
    );
    this.slots = h("span", { class: "path-slots" });
    this.canvas = h("div", { id: "cy", class: "cy", "aria-label": "关系图谱画布" });
    this.details = h("aside", { id: "node-details", class: "side" });
    this.status = h("div", { id: "graph-status", class: "statusbar" });
    const legend = h(
      "div",
      { class: "legend" },
      LEGEND_LABELS.map((label) => chip(NODE_STYLES[label].zh, NODE_STYLES[label].color)),
    );
    this.element = h(
      "div",
      { class: "view view-graph", id: "view-graph" },
      h(
        "div",
        { class: "toolbar" },
        h("label", null, "展开：", this.hops),
        this.limit,
        h("button", { type: "button", id: "btn-path", onclick: () => this.pathFromSelection() }, "查找路径"),
        this.slots,
        h("span", { class: "spacer" }),
        h("button", { type: "button", onclick: () => this.layout() }, "重新布局"),
        h("button", { type: "button", onclick: () => this.cy.fit(undefined, 30) }, "适应画布"),
        h("button", { type: "button", id: "btn-clear", onclick: () => this.clear() }, "清空"),
      ),
      h("div", { class: "graph-body" }, h("div", { class: "cy-wrap" }, this.canvas, legend), this.details),
      this.status,
    );
    this.cy = cytoscape({
      container: this.canvas,
      style: buildStyle(),
      // The container is not in the document yet: no layout now; shown() resizes once it is.
      layout: { name: "preset" },
      minZoom: 0.15,
      maxZoom: 3,
      selectionType: "single",
    });
    window.__cy = this.cy;
    this.cy.on("tap", "node", (event) => this.showNode(event.target as cytoscape.NodeSingular));
    this.cy.on("tap", "edge", (event) => this.showEdge(event.target as cytoscape.EdgeSingular));
    this.cy.on("dbltap", "node", (event) => void this.expand(event.target as cytoscape.NodeSingular));
    this.renderSlots();
    this.emptyDetails();
    this.setStatus("在上方搜索人员、电话、身份证号、地址或案件编号，点击结果即在此展开关系。");
  }

  /** Called when the view becomes visible (Cytoscape needs the container's size). */
  shown(): void {
    this.cy.resize();
  }

  private setStatus(message: string, warn = false): void {
    this.status.className = warn ? "statusbar warn" : "statusbar";
    this.status.textContent = message;
  }

  private nodeRefOf(node: cytoscape.NodeSingular): NodeRef {
    return { label: str(node.data("kind")), key: str(node.data("key")) };
  }

  private findNode(ref: NodeRef): cytoscape.NodeSingular | null {
    const found = this.cy.nodes().filter((node) => node.data("kind") === ref.label && str(node.data("key")) === ref.key);
    return found.length ? found[0] : null;
  }

  /** Adds nodes and edges not already drawn; new nodes start next to `anchor`. Returns the ids of all given. */
  add(data: GraphData, anchor?: cytoscape.NodeSingular | null): { ids: Set<string>; added: number } {
    const ids = new Set<string>();
    const centre = anchor?.position() ?? { x: this.canvas.clientWidth / 2 || 400, y: this.canvas.clientHeight / 2 || 300 };
    const fresh: cytoscape.ElementDefinition[] = [];
    for (const node of data.nodes ?? []) {
      if (!node || typeof node !== "object") continue;
      const id = nodeId(node);
      ids.add(id);
      if (this.cy.getElementById(id).nonempty()) continue;
      const label = nodeLabel(node);
      const props = node.props && typeof node.props === "object" ? node.props : {};
      const name = str(node.caption ?? props.name ?? props.title ?? node.key ?? id);
      fresh.push({
        group: "nodes",
        data: { id, kind: label, key: str(node.key), name, short: short(name), props, colour: str(props.colour) },
        position: { x: centre.x + (Math.random() - 0.5) * 160, y: centre.y + (Math.random() - 0.5) * 160 },
      });
    }
    this.cy.add(fresh);
    let edges = 0;
    for (const edge of data.edges ?? []) {
      if (!edge || typeof edge !== "object") continue;
      const source = str(edge.source);
      const target = str(edge.target);
      if (this.cy.getElementById(source).empty() || this.cy.getElementById(target).empty()) continue;
      const id = edge.id !== undefined && edge.id !== null ? `e:${edge.id}` : `e:${source}|${str(edge.type)}|${target}`;
      ids.add(id);
      if (this.cy.getElementById(id).nonempty()) continue;
      this.cy.add({ group: "edges", data: edgeData(id, source, target, edge) });
      edges += 1;
    }
    if (fresh.length || edges) this.layout();
    return { ids, added: fresh.length };
  }

  layout(): void {
    if (this.cy.nodes().empty()) return;
    this.cy
      .layout({
        name: "cose",
        animate: false,
        randomize: false,
        fit: true,
        padding: 30,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => 80,
        nodeRepulsion: () => 9000,
        numIter: 1200,
      } as cytoscape.LayoutOptions)
      .run();
  }

  private neighbourhood(ref: NodeRef, hops: number): Promise<GraphData> {
    return api<GraphData>("/graph/neighbourhood", { node: refText(ref), hops, limit: this.limit.value });
  }

  /** Opens a node with its one-hop neighbourhood, selects it and shows its details. */
  async open(ref: NodeRef): Promise<void> {
    this.setStatus(`正在打开 ${labelZh(ref.label)} ${ref.key} …`);
    try {
      const data = await this.neighbourhood(ref, 1);
      const existing = this.findNode(ref);
      this.add(data, existing);
      const node = this.findNode(ref);
      if (!node) {
        this.setStatus(`未找到 ${labelZh(ref.label)} ${ref.key}`, true);
        return;
      }
      node.addClass("expanded");
      this.cy.$(":selected").unselect();
      node.select();
      this.showNode(node);
      this.cy.animate({ center: { eles: node } }, { duration: 200 });
      this.reportTruncation(data, `已打开 ${node.data("name")}：图中共 ${this.cy.nodes().length} 个节点`);
    } catch (error) {
      this.setStatus(messageOf(error), true);
      toast(messageOf(error));
    }
  }

  /** Adds the neighbourhood of a drawn node (as many hops as the toolbar says). */
  async expand(node: cytoscape.NodeSingular): Promise<void> {
    const ref = this.nodeRefOf(node);
    const hops = Number(this.hops.value) || 1;
    this.setStatus(`正在展开 ${node.data("name")}（${hops} 跳）…`);
    try {
      const data = await this.neighbourhood(ref, hops);
      const before = this.cy.nodes().length;
      this.add(data, node);
      node.addClass("expanded");
      const added = this.cy.nodes().length - before;
      this.reportTruncation(data, `已展开 ${node.data("name")}：新增 ${added} 个节点，图中共 ${this.cy.nodes().length} 个`);
    } catch (error) {
      this.setStatus(messageOf(error), true);
      toast(messageOf(error));
    }
  }

  private reportTruncation(data: GraphData, message: string): void {
    if (data.truncated) {
      this.setStatus(`${message}。结果已截断${data.note ? `：${data.note}` : "，可提高上限或逐个展开"}`, true);
    } else this.setStatus(data.note ? `${message}。${data.note}` : message);
  }

  /** Shows elements sent by another view (a related case's link), highlighted. */
  show(data: GraphData, title: string): void {
    const { ids } = this.add(data);
    this.highlight(ids);
    this.setStatus(title);
  }

  private highlight(ids: Set<string>): void {
    this.cy.elements().removeClass("on-path");
    for (const id of ids) this.cy.getElementById(id).addClass("on-path");
    const on = this.cy.elements(".on-path");
    if (on.nonempty()) this.cy.fit(on, 40);
  }

  private pathFromSelection(): void {
    const selected = this.cy.nodes(":selected");
    if (selected.length === 2) {
      void this.path(this.nodeRefOf(selected[0]), this.nodeRefOf(selected[1]));
    } else if (this.from && this.to) {
      void this.path(this.from, this.to);
    } else {
      toast("请先选择两个节点：按住 Ctrl 或 Shift 点选两个节点，或在详情中设为起点和终点", "info");
    }
  }

  /** Asks for the shortest paths (up to four hops) between two nodes and highlights them. */
  async path(from: NodeRef, to: NodeRef): Promise<void> {
    this.setStatus("正在查找路径 …");
    try {
      const data = pathGraph(await api<unknown>("/graph/path", { from: refText(from), to: refText(to), max_hops: 4 }));
      if (!data.nodes?.length) {
        this.setStatus("四跳以内未找到两者之间的路径", true);
        toast("四跳以内未找到两者之间的路径", "info");
        return;
      }
      const { ids } = this.add(data);
      this.highlight(ids);
      const count = Array.isArray(data.paths) ? data.paths.length : 0;
      const length = typeof data.length === "number" ? `，最短 ${data.length} 跳` : "";
      this.setStatus(`找到 ${count || "若干"} 条路径（红色标出）${length}，涉及 ${ids.size} 个元素`);
    } catch (error) {
      this.setStatus(messageOf(error), true);
      toast(messageOf(error));
    }
  }

  clear(): void {
    this.cy.elements().remove();
    this.from = null;
    this.to = null;
    this.renderSlots();
    this.emptyDetails();
    this.setStatus("画布已清空");
  }

  private setEndpoint(which: "from" | "to", node: cytoscape.NodeSingular): void {
    this[which] = this.nodeRefOf(node);
    this.cy.nodes().removeClass("endpoint");
    for (const ref of [this.from, this.to]) if (ref) this.findNode(ref)?.addClass("endpoint");
    this.renderSlots();
  }

  private renderSlots(): void {
    const name = (ref: NodeRef | null) => (ref ? str(this.findNode(ref)?.data("name") ?? ref.key) : "—");
    replace(this.slots, `起点：${name(this.from)}　终点：${name(this.to)}`);
  }

  private emptyDetails(): void {
    replace(
      this.details,
      h("h2", null, "节点详情"),
      h("p", { class: "muted" }, "单击节点查看详情，双击节点展开关系；按住 Ctrl 或 Shift 可选两个节点后点“查找路径”。"),
    );
  }

  private showNode(node: cytoscape.NodeSingular): void {
    const kind = str(node.data("kind"));
    const ref = this.nodeRefOf(node);
    const props = (node.data("props") ?? {}) as Record<string, unknown>;
    const buttons = [
      h("button", { type: "button", id: "btn-expand", onclick: () => void this.expand(node) }, "展开关系"),
      h("button", { type: "button", onclick: () => this.setEndpoint("from", node) }, "设为起点"),
      h("button", { type: "button", onclick: () => this.setEndpoint("to", node) }, "设为终点"),
      kind === "Dispute"
        ? h("button", { type: "button", class: "primary", id: "btn-dispute", onclick: () => this.shell.openDispute(ref.key) }, "案件详情")
        : null,
      h("button", { type: "button", onclick: () => this.removeNode(node) }, "移出画布"),
    ];
    replace(
      this.details,
      h("h2", null, chip(labelZh(kind), styleOf(kind).color), " ", h("span", { class: "node-title" }, str(node.data("name")))),
      h("p", { class: "muted key" }, `${kind || "节点"} · ${ref.key}`),
      h("div", { class: "actions" }, buttons),
      section("属性", propList(props)),
      h("p", { class: "muted" }, `相邻节点 ${node.neighborhood("node").length} 个（图中已画出）`),
    );
  }

  private showEdge(edge: cytoscape.EdgeSingular): void {
    const props = (edge.data("props") ?? {}) as Record<string, unknown>;
    replace(
      this.details,
      h("h2", null, "关系：", str(edge.data("name"))),
      h("p", { class: "muted key" }, str(edge.data("type"))),
      h("p", null, `${str(edge.source().data("name"))} → ${str(edge.target().data("name"))}`),
      section("属性", propList(props)),
    );
  }

  private removeNode(node: cytoscape.NodeSingular): void {
    node.remove();
    this.emptyDetails();
  }
}

/** A path answer as nodes and edges: its own lists, plus those of each path in `paths`. */
export function pathGraph(answer: unknown): GraphData {
  const data = (answer && typeof answer === "object" ? answer : {}) as GraphData;
  const nodes = [...(data.nodes ?? [])];
  const edges = [...(data.edges ?? [])];
  for (const path of Array.isArray(data.paths) ? data.paths : []) {
    if (!path || typeof path !== "object") continue;
    const part = path as GraphData;
    if (Array.isArray(part.nodes)) nodes.push(...part.nodes);
    if (Array.isArray(part.edges)) edges.push(...part.edges);
  }
  return { ...data, nodes, edges };
}

function edgeData(id: string, source: string, target: string, edge: GraphEdge): Record<string, unknown> {
  return {
    id,
    source,
    target,
    type: str(edge.type),
    name: edgeZh(edge.type),
    props: edge.props && typeof edge.props === "object" ? edge.props : {},
  };
}
