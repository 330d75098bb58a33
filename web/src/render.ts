// Generic rendering of API values whose exact shape may vary: property lists and tables.

import { h, isObject, str, text, time, type Child } from "./dom";
import { CHANNEL_ZH, COLOUR_ZH, FACTOR_ZH, fieldZh, STATUS_ZH } from "./labels";

const TIME_FIELD = /(_at|_time|^time|^date|_date)$/;

/** Codes that read better in Chinese: channels, warning colours, statuses. */
function translated(name: string, value: unknown): unknown {
  const table =
    name === "channel" || name === "channels" ? CHANNEL_ZH
    : name.endsWith("colour") ? COLOUR_ZH
    : name === "status" ? STATUS_ZH
    : name === "factor" ? FACTOR_ZH
    : null;
  if (!table) return value;
  if (Array.isArray(value)) return value.map((item) => table[str(item)] ?? item);
  return table[str(value)] ?? value;
}

function cellText(name: string, value: unknown): string {
  return TIME_FIELD.test(name) ? time(value) : text(translated(name, value));
}

/** A two-column property list; nested objects and lists of objects are rendered in place. */
export function propList(record: Record<string, unknown>, skip: string[] = []): HTMLElement {
  const entries = Object.entries(record).filter(([name]) => !skip.includes(name));
  if (!entries.length) return h("p", { class: "muted" }, "（无）");
  return h(
    "dl",
    { class: "props" },
    entries.map(([name, value]) => [
      h("dt", { title: name }, fieldZh(name)),
      h("dd", null, valueNode(name, value)),
    ]),
  );
}

/** A value as a node: a list of objects as a table, an object as a property list, anything else as text. */
export function valueNode(name: string, value: unknown, depth = 0): Child {
  if (Array.isArray(value) && value.length && value.every(isObject)) {
    return depth > 1 ? text(value) : table(value as Record<string, unknown>[], depth + 1);
  }
  if (isObject(value)) return depth > 1 ? text(value) : propList(value);
  return cellText(name, value);
}

/** A table over the union of the rows' fields (in first-seen order). */
export function table(rows: Record<string, unknown>[], depth = 0, columns?: string[]): HTMLElement {
  if (!rows.length) return h("p", { class: "muted" }, "（无）");
  const names = columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))].slice(0, 10);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data" },
      h("thead", null, h("tr", null, names.map((name) => h("th", { title: name }, fieldZh(name))))),
      h(
        "tbody",
        null,
        rows.map((row) => h("tr", null, names.map((name) => h("td", null, valueNode(name, row[name], depth + 1))))),
      ),
    ),
  );
}

/** A titled section. */
export function section(title: string, ...body: Child[]): HTMLElement {
  return h("section", { class: "block" }, h("h3", null, title), ...body);
}

/** A coloured chip. */
export function chip(label: string, color?: string, title?: string): HTMLElement {
  return h("span", { class: "chip", style: color ? `--chip:${color}` : undefined, title }, label);
}
