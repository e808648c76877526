/**
 * One chat completion with retries, inside a deadline. The SDK's own retries are off (its
 * `maxRetries: 0`) so that every HTTP attempt is counted, a server's `retry-after` is honoured only
 * while it fits in the time left, and no attempt's timeout reaches past the deadline: the caller
 * gets an answer or a `ModelUnavailableError` before its time budget ends. Each attempt also
 * carries an abort signal set to the time left: the SDK's own timeout stops at the response's
 * headers, and a server that sends them and then stalls must not hold a person past the deadline.
 */
import { performance } from 'node:perf_hooks';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, type OpenAI } from 'openai';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';

export type ChatMessage = { readonly role: 'system' | 'user' | 'assistant'; readonly content: string };

export type ChatRequest = {
  readonly messages: readonly ChatMessage[];
  readonly responseFormat: ResponseFormatJSONSchema;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly seed: number;
};

export type ChatAnswer = {
  readonly content: string | null;
  readonly refusal: string | null;
  readonly finishReason: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
};

/** Why the model could not be reached (after retries); recorded as the fallback reason. */
export type TransportFailure = 'timeout' | 'rate-limited' | 'server-error' | 'network' | 'api-error';

export class ModelUnavailableError extends Error {
  constructor(
    readonly reason: TransportFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

/** Counts across every call of one engine operation (what the provenance records). */
export type UsageTally = { attempts: number; promptTokens: number; completionTokens: number };

export type CallSettings = {
  readonly model: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
};

type Classified = { readonly reason: TransportFailure; readonly retryable: boolean; readonly retryAfterMs: number | undefined };

/** `retry-after-ms` (OpenAI's) or `retry-after` (seconds or an HTTP date), in milliseconds. */
export function retryAfterMs(headers: Headers | undefined, nowMs = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers?.get('retry-after');
  if (after) {
    const seconds = Number.parseFloat(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  return undefined;
}

function classify(error: unknown): Classified | undefined {
  if (error instanceof APIConnectionTimeoutError) return { reason: 'timeout', retryable: true, retryAfterMs: undefined };
  if (error instanceof APIUserAbortError) return { reason: 'timeout', retryable: false, retryAfterMs: undefined };
  if (error instanceof APIConnectionError) return { reason: 'network', retryable: true, retryAfterMs: undefined };
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    const after = retryAfterMs(error.headers);
    if (status === 429) return { reason: 'rate-limited', retryable: true, retryAfterMs: after };
    if (status === 408) return { reason: 'timeout', retryable: true, retryAfterMs: after };
    if (status === 409 || status >= 500) return { reason: 'server-error', retryable: true, retryAfterMs: after };
    return { reason: 'api-error', retryable: false, retryAfterMs: undefined };
  }
  return undefined;
}

const DEADLINE_PASSED: Classified = { reason: 'timeout', retryable: false, retryAfterMs: undefined };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Estimated tokens of a text (about four characters a token, for servers that omit `usage`). */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Sends `request`, retrying 429 / 5xx / 408 / 409 / timeouts / connection errors up to
 * `maxRetries` times with exponential backoff (or the server's `retry-after`), never past
 * `deadline` (a `performance.now()` time). Adds attempts and tokens to `tally`.
 */
export async function callChat(
  client: OpenAI,
  request: ChatRequest,
  settings: CallSettings,
  deadline: number,
  tally: UsageTally,
): Promise<ChatAnswer> {
  let last: Classified = { reason: 'timeout', retryable: false, retryAfterMs: undefined };
  for (let retry = 0; retry <= settings.maxRetries; retry += 1) {
    const left = deadline - performance.now();
    if (left < 1) break;
    tally.attempts += 1;
    const timeLeft = AbortSignal.timeout(Math.max(1, Math.floor(left)));
    try {
      const completion = await client.chat.completions.create(
        {
          model: settings.model,
          messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
          response_format: request.responseFormat,
          max_completion_tokens: request.maxTokens,
          temperature: request.temperature,
          seed: request.seed,
        },
        { timeout: Math.max(1, Math.floor(Math.min(settings.timeoutMs, left))), maxRetries: 0, signal: timeLeft },
      );
      const choice = completion.choices[0];
      const content = choice?.message.content ?? null;
      const promptTokens = completion.usage?.prompt_tokens ?? estimateTokens(request.messages.map((m) => m.content).join('\n'));
      const completionTokens = completion.usage?.completion_tokens ?? estimateTokens(content ?? '');
      tally.promptTokens += promptTokens;
      tally.completionTokens += completionTokens;
      return {
        content,
        refusal: choice?.message.refusal ?? null,
        finishReason: choice?.finish_reason ?? 'missing',
        promptTokens,
        completionTokens,
      };
    } catch (error) {
      // Aborted at the deadline (whatever the SDK made of it, even mid-body): a timeout, not a bug.
      const classified = timeLeft.aborted ? DEADLINE_PASSED : classify(error);
      if (!classified) throw error;
      last = classified;
      if (!classified.retryable || retry === settings.maxRetries) break;
      const backoff = Math.min(settings.initialDelayMs * 2 ** retry, settings.maxDelayMs) * (1 - settings.random() * 0.25);
      const delay = classified.retryAfterMs ?? backoff;
      // A wait that would end past the deadline is not worth starting: fall back now.
      if (performance.now() + delay >= deadline) break;
      await sleep(delay);
    }
  }
  throw new ModelUnavailableError(last.reason, `the model did not answer (${last.reason}) after ${tally.attempts} attempt(s)`);
}
