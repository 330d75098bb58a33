// Statistics: the per-grid heat map (GeoJSON from the API drawn with ECharts registerMap) and the
// counts by category, channel and month. ECharts is tree-shaken: only the charts used are bundled.

import { BarChart, LineChart, MapChart } from "echarts/charts";
import { GridComponent, TitleComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { api, messageOf } from "./api";
import { h, isObject, listOf, replace, str } from "./dom";
import { CHANNEL_ZH } from "./labels";

echarts.use([MapChart, BarChart, LineChart, GridComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const MAP_NAME = "caselink-grid";
const FONT = '"Noto Sans CJK SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif';

type Count = { key?: unknown; count?: unknown; name?: unknown; label?: unknown };

/** A tooltip as DOM with text nodes only (record text never becomes HTML). */
function tip(...lines: string[]): HTMLElement {
  return h("div", { class: "chart-tip" }, lines.map((line) => h("div", null, line)));
}

export class StatsView {
  readonly element: HTMLElement;
  private readonly panels: Record<string, HTMLElement> = {};
  private readonly charts: echarts.ECharts[] = [];
  private loaded = false;
  private readonly level: HTMLSelectElement;
  private readonly ranking: HTMLElement;

  constructor() {
    this.level = h(
      "select",
      { id: "heatmap-level", title: "热力图的区域层级", onchange: () => void this.heatmap() },
      h("option", { value: "grid" }, "按网格"),
      h("option", { value: "community" }, "按社区"),
    );
    this.ranking = h("ol", { class: "ranking", id: "heatmap-ranking" });
    const panel = (id: string, title: string, wide = false) => {
      const body = h("div", { class: "chart", id: `chart-${id}` });
      this.panels[id] = body;
      if (id === "heatmap") {
        return h(
          "div",
          { class: "chart-card wide" },
          h("h3", null, title, " ", this.level),
          h("div", { class: "map-row" }, body, h("div", { class: "ranking-box" }, h("h3", null, "纠纷最多的区域"), this.ranking)),
        );
      }
      return h("div", { class: wide ? "chart-card wide" : "chart-card" }, h("h3", null, title), body);
    };
    this.element = h(
      "div",
      { class: "view view-stats", id: "view-stats" },
      h("div", { class: "toolbar" }, h("button", { type: "button", onclick: () => void this.load() }, "刷新"), h("span", { class: "muted" }, "统计范围为当前账号的辖区。")),
      h(
        "div",
        { class: "charts" },
        panel("heatmap", "纠纷热力图", true),
        panel("category", "按类别"),
        panel("channel", "按渠道"),
        panel("month", "按月份", true),
      ),
    );
    window.addEventListener("resize", () => this.resize());
  }

  shown(): void {
    if (!this.loaded) void this.load();
    else this.resize();
  }

  private resize(): void {
    for (const chart of this.charts) chart.resize();
  }

  private chart(id: string): echarts.ECharts {
    const container = this.panels[id];
    const existing = echarts.getInstanceByDom(container);
    if (existing) return existing;
    container.replaceChildren();
    const chart = echarts.init(container, undefined, { renderer: "canvas" });
    this.charts.push(chart);
    return chart;
  }

  private fail(id: string, message: string): void {
    const container = this.panels[id];
    echarts.getInstanceByDom(container)?.dispose();
    const index = this.charts.findIndex((chart) => chart.getDom() === container);
    if (index >= 0) this.charts.splice(index, 1);
    replace(container, h("p", { class: "chart-message" }, message));
  }

  async load(): Promise<void> {
    this.loaded = true;
    await Promise.all([this.heatmap(), this.counts("category"), this.counts("channel"), this.counts("month")]);
  }

  private async heatmap(): Promise<void> {
    try {
      replace(this.ranking);
      const geo = await api<unknown>("/stats/heatmap", { level: this.level.value });
      const features = isObject(geo) && Array.isArray(geo.features) ? geo.features.filter(isObject) : [];
      const drawable = features.filter((feature) => isObject(feature.geometry) && isObject(feature.properties));
      if (!drawable.length) {
        this.fail("heatmap", "暂无网格数据");
        return;
      }
      const data = drawable.map((feature) => {
        const props = feature.properties as Record<string, unknown>;
        return { name: str(props.code ?? props.name), value: Number(props.count) || 0, zh: str(props.name ?? props.code) };
      });
      const top = [...data].filter((item) => item.value > 0).sort((a, b) => b.value - a.value).slice(0, 10);
      replace(
        this.ranking,
        top.length
          ? top.map((item) => h("li", null, h("span", null, item.zh), h("span", { class: "points" }, `${item.value} 起`)))
          : h("li", { class: "muted" }, "暂无纠纷"),
      );
      echarts.registerMap(MAP_NAME, { type: "FeatureCollection", features: drawable } as never);
      const max = Math.max(1, ...data.map((item) => item.value));
      this.chart("heatmap").setOption(
        {
          textStyle: { fontFamily: FONT },
          tooltip: {
            trigger: "item",
            formatter: (params: unknown) => {
              const item = (params as { data?: { zh?: string; name?: string; value?: number } }).data;
              return tip(item?.zh || item?.name || "", `纠纷 ${item?.value ?? 0} 起`);
            },
          },
          visualMap: {
            min: 0,
            max,
            left: 10,
            bottom: 10,
            text: ["多", "少"],
            calculable: true,
            inRange: { color: ["#fff5eb", "#fdbe85", "#fd8d3c", "#e6550d", "#a63603"] },
          },
          series: [
            {
              type: "map",
              map: MAP_NAME,
              nameProperty: "code",
              roam: true,
              data,
              itemStyle: { borderColor: "#ffffff", borderWidth: 0.6, areaColor: "#eef2f7" },
              emphasis: {
                label: { show: true, formatter: (params: { data?: { zh?: string } }) => params.data?.zh ?? "" },
                itemStyle: { areaColor: "#0b7285" },
              },
            },
          ],
        },
        true,
      );
    } catch (error) {
      this.fail("heatmap", messageOf(error));
    }
  }

  private async counts(by: "category" | "channel" | "month"): Promise<void> {
    try {
      const rows = listOf<Count>(await api<unknown>("/stats/counts", { by }), "buckets", "counts")
        .filter(isObject)
        .map((row) => ({ key: str(row.key ?? row.name ?? row.label), name: str(row.name ?? row.label ?? row.key), count: Number(row.count) || 0 }));
      if (!rows.length) {
        this.fail(by, "暂无数据");
        return;
      }
      if (by === "month") rows.sort((a, b) => a.key.localeCompare(b.key));
      else rows.sort((a, b) => b.count - a.count);
      const shown = by === "category" ? rows.slice(0, 15) : rows;
      const names = shown.map((row) => CHANNEL_ZH[row.key] ?? (row.name || row.key || "（未分类）"));
      const values = shown.map((row) => row.count);
      const horizontal = by !== "month";
      const tooltip = {
        trigger: "axis" as const,
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params[0] : params) as { name?: string; value?: number };
          return tip(str(first?.name), `${first?.value ?? 0} 起`);
        },
      };
      const categoryAxis = { type: "category" as const, data: horizontal ? [...names].reverse() : names, axisLabel: { fontSize: 11 } };
      const valueAxis = { type: "value" as const, minInterval: 1 };
      this.chart(by).setOption(
        {
          textStyle: { fontFamily: FONT },
          tooltip,
          grid: { left: 10, right: 24, top: 16, bottom: 10, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
          xAxis: horizontal ? valueAxis : categoryAxis,
          yAxis: horizontal ? categoryAxis : valueAxis,
          series: [
            horizontal
              ? { type: "bar", data: [...values].reverse(), itemStyle: { color: by === "channel" ? "#2f6fdd" : "#e4572e" }, barMaxWidth: 18 }
              : { type: "line", data: values, smooth: true, areaStyle: { opacity: 0.15 }, itemStyle: { color: "#0b7285" } },
          ],
        },
        true,
      );
    } catch (error) {
      this.fail(by, messageOf(error));
    }
  }
}
