// The API client: bearer token in sessionStorage, Chinese messages for HTTP errors, 401 → back to login.

const TOKEN_KEY = "caselink.token";
export const API = "/api/v1";

export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

let unauthorized: (message: string) => void = () => undefined;

/** Registers what happens when the token is missing, expired or refused. */
export function onUnauthorized(handler: (message: string) => void): void {
  unauthorized = handler;
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

const STATUS_ZH: Record<number, string> = {
  400: "请求有误",
  401: "未登录或登录已过期",
  403: "无权访问该数据",
  404: "未找到（接口或数据不存在）",
  409: "数据状态冲突",
  422: "参数校验未通过",
  429: "请求过于频繁，请稍后再试",
  500: "服务器内部错误",
  502: "网关错误",
  503: "服务暂不可用",
  504: "服务响应超时",
};

/** A Chinese message for an HTTP status, with the server's detail when it gave one as text. */
export function statusMessage(status: number, detail?: unknown): string {
  const base = STATUS_ZH[status] ?? (status >= 500 ? "服务器错误" : "请求失败");
  let extra = "";
  if (typeof detail === "string") extra = detail;
  else if (Array.isArray(detail)) {
    extra = detail
      .map((item) => (item && typeof item === "object" && "msg" in item ? String(item.msg) : ""))
      .filter(Boolean)
      .join("；");
  }
  return `${base}（HTTP ${status}）${extra ? `：${extra}` : ""}`;
}

async function detailOf(response: Response): Promise<unknown> {
  try {
    const body = await response.json();
    return body && typeof body === "object" ? (body as { detail?: unknown }).detail : undefined;
  } catch {
    return undefined;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined && value !== "") params.set(name, String(value));
  }
  const search = params.toString();
  return `${API}${path}${search ? `?${search}` : ""}`;
}

/** GETs (or sends) JSON with the bearer token; throws ApiError with a Chinese message. */
export async function api<T = unknown>(path: string, query?: Query, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  const token = getToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(url(path, query), { ...init, headers });
  } catch {
    throw new ApiError(0, "无法连接服务器，请检查网络或服务是否运行");
  }
  if (response.status === 401) {
    const message = statusMessage(401, await detailOf(response));
    clearToken();
    unauthorized("登录已过期或无效，请重新登录");
    throw new ApiError(401, message);
  }
  if (!response.ok) throw new ApiError(response.status, statusMessage(response.status, await detailOf(response)));
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, "服务返回的数据无法解析");
  }
}

/** The OAuth2 password flow; stores the token on success. */
export async function login(username: string, password: string): Promise<void> {
  const body = new URLSearchParams({ username, password, grant_type: "password" });
  let response: Response;
  try {
    response = await fetch(url("/auth/token"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body,
    });
  } catch {
    throw new ApiError(0, "无法连接服务器，请检查网络或服务是否运行");
  }
  if (response.status === 401 || response.status === 400) {
    throw new ApiError(response.status, "用户名或密码错误");
  }
  if (response.status === 403) throw new ApiError(403, "该账号已停用，请联系管理员");
  if (!response.ok) throw new ApiError(response.status, statusMessage(response.status, await detailOf(response)));
  const data = (await response.json()) as { access_token?: string; token_type?: string };
  if (!data.access_token) throw new ApiError(response.status, "登录服务未返回令牌");
  sessionStorage.setItem(TOKEN_KEY, data.access_token);
}

/** An error as a message a person can read. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return `出现错误：${error.message}`;
  return "出现未知错误";
}
