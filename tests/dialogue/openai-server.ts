/**
 * A tiny OpenAI-compatible server for tests: POST /v1/chat/completions, with and without
 * `stream: true` (server-sent events), on 127.0.0.1 and a free port. Each test sets `respond` to
 * decide what the "model" says; every request body is recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string }>;
  [k: string]: unknown;
}

export interface ModelReply {
  /** The assistant's text (streamed in `chunks` when the client streams). */
  content?: string;
  /** For streaming: the pieces to send; default `content` split into words. */
  chunks?: string[];
  /** HTTP status other than 200, with an OpenAI-style error body. */
  status?: number;
  /** Wait this long before answering (to provoke timeouts). */
  delayMs?: number;
}

export interface FakeOpenAI {
  url: string;
  requests: ChatRequest[];
  respond: (req: ChatRequest) => ModelReply;
  close(): Promise<void>;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const state: FakeOpenAI = {
    url: '',
    requests: [],
    respond: () => ({ content: 'NO_ANSWER' }),
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body) as ChatRequest;
      state.requests.push(parsed);
      const reply = state.respond(parsed);
      const timer = setTimeout(() => send(parsed, reply, res), reply.delayMs ?? 0);
      res.on('close', () => clearTimeout(timer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function send(req: ChatRequest, reply: ModelReply, res: http.ServerResponse): void {
  if (res.destroyed) return;
  if (reply.status && reply.status !== 200) {
    res
      .writeHead(reply.status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { message: 'simulated provider failure', type: 'server_error' } }));
    return;
  }
  const content = reply.content ?? '';
  const base = { id: 'chatcmpl-test', created: Math.floor(Date.now() / 1000), model: req.model };
  if (!req.stream) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      }),
    );
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const pieces = reply.chunks ?? content.split(/(?<= )/);
  const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  event({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
  });
  for (const p of pieces) {
    event({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { content: p }, finish_reason: null }],
    });
  }
  event({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
  });
  res.end('data: [DONE]\n\n');
}
