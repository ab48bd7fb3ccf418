/** A replaceable global fetch for unit tests, recording every request. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export const requests: RecordedRequest[] = [];
let handler: Handler = () => json(500, { code: "NO_HANDLER", message: "No fetch handler set in this test." });

export function installFetch(): void {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = await request.clone().text();
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    requests.push(recorded);
    return handler(recorded);
  };
}

export function setFetchHandler(next: Handler): void {
  handler = next;
}

export function resetFetch(): void {
  requests.length = 0;
  handler = () => json(500, { code: "NO_HANDLER", message: "No fetch handler set in this test." });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A promise plus its resolver, to hold a response until the test has looked at the page. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
