// The shapes the workbench reads. Every field is optional: the API is read defensively.

export type GraphNode = {
  id?: string | number;
  label?: string;
  labels?: string[];
  key?: string | number;
  caption?: string;
  props?: Record<string, unknown>;
};

export type GraphEdge = {
  id?: string | number;
  source?: string | number;
  target?: string | number;
  type?: string;
  props?: Record<string, unknown>;
};

export type GraphData = {
  nodes?: GraphNode[];
  edges?: GraphEdge[];
  truncated?: boolean;
  note?: string | null;
  paths?: unknown[];
  length?: number | null;
};

export type NodeRef = { label: string; key: string };

/** What the views ask of the shell. */
export interface Shell {
  /** Shows the graph view and opens a node with its neighbourhood. */
  openNode(ref: NodeRef): void;
  /** Shows the graph view with these elements added (a path or a related case's link). */
  showGraph(data: GraphData, title: string): void;
  /** Shows the dispute view of one case. */
  openDispute(id: string): void;
  /** Shows the graph view and asks for the shortest paths between two nodes. */
  findPath(from: NodeRef, to: NodeRef): void;
}
