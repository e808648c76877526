/**
 * How the Discord REST client sends a request with files (a chart, an export): the multipart body
 * encoded to bytes here, then sent by discord.js's own strategy.
 *
 * Why: discord.js's client (undici 6) sends through the process's global HTTP dispatcher, which is
 * whichever undici copy loaded first. The Slack SDK brings undici 7 (Socket Mode) and, loaded
 * first as the bot loads it, makes its Agent the global one; that Agent cannot read the FormData
 * discord.js hands it and fails every upload ("action is not a function"). Bytes with their
 * content type read the same under any dispatcher.
 */
import { DefaultRestOptions, type RESTOptions } from 'discord.js';

export const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
  if (!(init.body instanceof FormData)) return DefaultRestOptions.makeRequest(url, init);
  // Node's own Response encodes its own FormData: the boundary comes back in the content type.
  const encoded = new Response(init.body);
  const body = Buffer.from(await encoded.arrayBuffer());
  const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
  headers.set('content-type', encoded.headers.get('content-type') ?? 'multipart/form-data');
  return DefaultRestOptions.makeRequest(url, { ...init, body, headers: Object.fromEntries(headers) });
};
