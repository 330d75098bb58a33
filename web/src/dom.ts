// DOM helpers. Record text only ever reaches the page as text nodes (append/textContent), never as HTML.

export type Child = Node | string | number | null | undefined | false;
export type Children = Child | Children[];
type Handler = (event: Event) => void;
export type Attrs = {
  class?: string;
  dataset?: Record<string, string>;
  [name: string]: unknown;
};

/** Creates an element; strings among the children become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Children[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") element.className = String(value);
    else if (name === "dataset") Object.assign(element.dataset, value as Record<string, string>);
    else if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2).toLowerCase(), value as Handler);
    } else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, strings as text nodes. */
export function append(parent: Element, ...children: Children[]): void {
  for (const child of (children as unknown[]).flat(Infinity) as Child[]) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces all children. */
export function replace(parent: Element, ...children: Children[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Shows a transient message at the bottom of the page. */
export function toast(message: string, kind: "error" | "info" = "error"): void {
  let box = document.getElementById("toasts");
  if (!box) {
    box = h("div", { id: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(box);
  }
  const item = h("div", { class: `toast toast-${kind}` }, message);
  box.append(item);
  window.setTimeout(() => item.remove(), kind === "error" ? 8000 : 4000);
}

/** A value as one line of text for a table cell or a property list. */
export function text(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (Array.isArray(value)) return value.length ? value.map(text).join("、") : "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** An ISO time as Beijing local time, or the text as it came. */
export function time(value: unknown): string {
  if (typeof value !== "string" || !value) return text(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return value; // a day, or anything that is not an instant
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The list inside an answer that is a list, or an object holding one under a usual name. */
export function listOf<T = Record<string, unknown>>(value: unknown, ...names: string[]): T[] {
  if (Array.isArray(value)) return value as T[];
  if (isObject(value)) {
    for (const name of [...names, "items", "results", "hits", "data"]) {
      if (Array.isArray(value[name])) return value[name] as T[];
    }
  }
  return [];
}

export function str(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}
