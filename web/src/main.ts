// The workbench shell: login, header with navigation and search, and the four views
// (graph, warning board, statistics, dispute). Views are kept alive and switched by the URL hash.

import "./workbench.css";
import { api, clearToken, getToken, login, messageOf, onUnauthorized } from "./api";
import { DisputeView } from "./dispute";
import { h, isObject, listOf, replace, str, toast } from "./dom";
import { GraphView } from "./graph";
import { labelZh, styleOf } from "./labels";
import { chip } from "./render";
import { StatsView } from "./stats";
import type { GraphData, NodeRef, Shell } from "./types";
import { WarningsView } from "./warnings";

const root = document.getElementById("app") as HTMLElement;

type View = { element: HTMLElement; shown(): void };

const MATCH_ZH: Record<string, string> = {
  fulltext: "全文匹配",
  Phone: "电话号码",
  IdNumber: "身份证号",
  case_code: "案件编码",
  id: "编号",
  name: "姓名",
};

// ---------------------------------------------------------------- login

function showLogin(message = ""): void {
  currentShell?.dispose();
  currentShell = null;
  const existing = document.getElementById("login-form");
  if (existing) {
    const error = document.getElementById("login-error");
    if (error && message) error.textContent = message;
    return;
  }
  const username = h("input", { name: "username", id: "login-username", autocomplete: "username", required: true, placeholder: "用户名" });
  const password = h("input", { name: "password", id: "login-password", type: "password", autocomplete: "current-password", required: true, placeholder: "密码" });
  const error = h("p", { id: "login-error", class: "error", role: "alert" }, message);
  const submit = h("button", { type: "submit", class: "primary", id: "login-submit" }, "登录");
  const health = h("p", { id: "health", class: "muted health" }, "正在检查服务状态…");
  const form = h(
    "form",
    { id: "login-form", class: "login-card" },
    h("h1", null, "案联 ", h("span", { class: "en" }, "CaseLink")),
    h("p", { class: "subtitle" }, "综治中心 · 矛盾纠纷关联研判工作台"),
    h("label", null, "用户名", username),
    h("label", null, "密码", password),
    submit,
    error,
    health,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = "";
    try {
      await login(username.value.trim(), password.value);
      startShell();
    } catch (failure) {
      error.textContent = messageOf(failure);
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, h("div", { class: "login-page" }, form));
  username.focus();
  void checkHealth(health);
}

async function checkHealth(target: HTMLElement): Promise<void> {
  try {
    const health = await api<Record<string, unknown>>("/health");
    const counts = isObject(health.counts) ? Object.values(health.counts).reduce<number>((sum, n) => sum + (Number(n) || 0), 0) : null;
    const ok = str(health.status).toLowerCase() === "ok";
    target.className = ok ? "muted health ok" : "muted health warn";
    target.textContent = [
      ok ? "服务运行正常" : `服务状态：${str(health.status) || "未知"}`,
      health.neo4j_version ? `Neo4j ${str(health.neo4j_version)}` : "",
      counts !== null ? `图中节点 ${counts} 个` : "",
    ]
      .filter(Boolean)
      .join(" · ");
  } catch (error) {
    target.className = "muted health warn";
    target.textContent = `服务不可用：${messageOf(error)}`;
  }
}

// ---------------------------------------------------------------- shell

class Workbench implements Shell {
  private readonly graph: GraphView;
  private readonly warnings: WarningsView;
  private readonly stats: StatsView;
  private readonly dispute: DisputeView;
  private readonly views: Record<string, View>;
  private readonly nav: Record<string, HTMLButtonElement> = {};
  private readonly results: HTMLElement;
  private readonly onHash = () => this.route();
  private readonly onDocumentClick = (event: MouseEvent) => {
    if (!(event.target as Element).closest?.(".search")) this.results.hidden = true;
  };

  constructor() {
    this.graph = new GraphView(this);
    this.warnings = new WarningsView(this);
    this.stats = new StatsView();
    this.dispute = new DisputeView(this);
    this.views = { graph: this.graph, warnings: this.warnings, stats: this.stats, dispute: this.dispute };
    const navItem = (name: string, title: string) => {
      const button = h("button", { type: "button", class: "nav-item", id: `nav-${name}`, onclick: () => this.go(name) }, title);
      this.nav[name] = button;
      return button;
    };
    const query = h("input", { type: "search", name: "q", id: "search-input", placeholder: "搜索姓名、电话、身份证号、地址、案件编号…", autocomplete: "off" });
    this.results = h("div", { id: "search-results", class: "search-results", hidden: true });
    const search = h(
      "form",
      { class: "search", role: "search" },
      query,
      h("button", { type: "submit", id: "search-submit" }, "搜索"),
      this.results,
    );
    search.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.search(query.value.trim());
    });
    const user = h("span", { class: "user", id: "user-name" });
    const main = h("main", { class: "views" }, Object.values(this.views).map((view) => view.element));
    replace(
      root,
      h(
        "div",
        { class: "shell" },
        h(
          "header",
          { class: "topbar" },
          h("div", { class: "brand" }, "案联", h("small", null, "研判工作台")),
          h("nav", null, navItem("graph", "关系图谱"), navItem("warnings", "预警看板"), navItem("stats", "统计分析"), navItem("dispute", "案件详情")),
          search,
          user,
          h("button", { type: "button", class: "logout", id: "logout", onclick: () => this.logout() }, "退出"),
        ),
        main,
      ),
    );
    window.addEventListener("hashchange", this.onHash);
    document.addEventListener("click", this.onDocumentClick);
    this.route();
    void this.whoAmI(user);
  }

  dispose(): void {
    window.removeEventListener("hashchange", this.onHash);
    document.removeEventListener("click", this.onDocumentClick);
  }

  private async whoAmI(target: HTMLElement): Promise<void> {
    try {
      const me = await api<Record<string, unknown>>("/auth/me");
      target.textContent = `${str(me.username)}${me.role_name ? `（${str(me.role_name)}）` : ""}`;
    } catch {
      target.textContent = "";
    }
  }

  private logout(): void {
    clearToken();
    history.replaceState(null, "", "#/graph");
    showLogin("已退出登录");
  }

  go(name: string, detail = ""): void {
    const hash = detail ? `#/${name}/${encodeURIComponent(detail)}` : `#/${name}`;
    if (location.hash !== hash) location.hash = hash;
    else this.route();
  }

  private route(): void {
    const [, name = "graph", detail = ""] = location.hash.split("/");
    const view = this.views[name] ? name : "graph";
    for (const [key, item] of Object.entries(this.views)) item.element.hidden = key !== view;
    for (const [key, button] of Object.entries(this.nav)) button.classList.toggle("active", key === view);
    this.views[view].shown();
    if (view === "dispute" && detail) {
      const id = decodeURIComponent(detail);
      if (id !== this.dispute.id) void this.dispute.open(id);
    }
  }

  openNode(ref: NodeRef): void {
    this.go("graph");
    void this.graph.open(ref);
  }

  showGraph(data: GraphData, title: string): void {
    this.go("graph");
    this.graph.show(data, title);
  }

  findPath(from: NodeRef, to: NodeRef): void {
    this.go("graph");
    void this.graph.path(from, to);
  }

  openDispute(id: string): void {
    this.go("dispute", id);
  }

  private async search(query: string): Promise<void> {
    if (!query) return;
    this.results.hidden = false;
    replace(this.results, h("p", { class: "muted" }, "搜索中…"));
    try {
      const answer = await api<unknown>("/search", { q: query });
      const hits = listOf<Record<string, unknown>>(answer, "hits").filter(isObject);
      if (!hits.length) {
        replace(this.results, h("p", { class: "muted" }, `未找到与“${query}”相关的记录`));
        return;
      }
      replace(this.results, hits.map((hit) => this.hitItem(hit)));
    } catch (error) {
      replace(this.results, h("p", { class: "error" }, messageOf(error)));
    }
  }

  private hitItem(hit: Record<string, unknown>): HTMLElement {
    const node = isObject(hit.node) ? hit.node : hit;
    const labels = Array.isArray(node.labels) ? node.labels : [];
    const label = str(node.label ?? hit.kind ?? labels[0]);
    const key = str(node.key);
    const caption = str(node.caption ?? hit.caption) || key;
    const match = [MATCH_ZH[str(hit.match)] ?? str(hit.match), hit.via ? `经${labelZh(hit.via)}` : ""].filter(Boolean).join(" · ");
    return h(
      "button",
      {
        type: "button",
        class: "search-hit",
        dataset: { label, key },
        onclick: () => {
          this.results.hidden = true;
          if (label && key) this.openNode({ label, key });
          else toast("该结果缺少节点标识，无法打开");
        },
      },
      chip(labelZh(label), styleOf(label).color),
      h("span", { class: "hit-caption" }, caption),
      match ? h("span", { class: "muted hit-match" }, match) : null,
    );
  }
}

let currentShell: Workbench | null = null;

function startShell(): void {
  currentShell?.dispose();
  currentShell = new Workbench();
}

onUnauthorized((message) => showLogin(message));
if (getToken()) startShell();
else showLogin();
