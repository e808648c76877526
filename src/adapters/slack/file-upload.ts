/**
 * Shares a file in a conversation through Slack's external upload flow (the retired `files.upload`
 * is gone): `files.getUploadURLExternal` for an upload URL, a POST of the raw bytes to that URL,
 * then `files.completeUploadExternal` to share it in the channel with a comment — or, for a chart
 * shown in a message's image block, to keep it unshared.
 */
import type { webApi } from '@slack/bolt';

import { fileBytes, type FileView } from '../../conversation/views.js';

class FileUploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileUploadError';
  }
}

/** The first two steps: an upload URL and the bytes POSTed to it; returns the file's id. */
async function sendBytes(client: webApi.WebClient, filename: string, mimeType: string, bytes: Buffer): Promise<string> {
  const target = await client.files.getUploadURLExternal({ filename, length: bytes.length });
  if (!target.upload_url || !target.file_id) throw new FileUploadError('files.getUploadURLExternal returned no upload_url or file_id');
  const response = await fetch(target.upload_url, {
    method: 'POST',
    headers: { 'Content-Type': mimeType },
    body: bytes,
  });
  // The upload service answers 200 with a short text body; anything else means the bytes did not land.
  await response.arrayBuffer();
  if (response.status !== 200) throw new FileUploadError(`upload of ${filename} failed with HTTP ${response.status}`);
  return target.file_id;
}

/**
 * An image uploaded without sharing it anywhere (no channel): private to the app, which then shows
 * it in its own messages' image blocks by id (`slack_file`). Returns the file's id.
 */
export async function uploadImage(client: webApi.WebClient, image: { filename: string; title: string; png: Buffer }): Promise<string> {
  const id = await sendBytes(client, image.filename, 'image/png', image.png);
  await client.files.completeUploadExternal({ files: [{ id, title: image.title }] });
  return id;
}

export async function uploadFile(client: webApi.WebClient, channelId: string, file: FileView): Promise<string> {
  const id = await sendBytes(client, file.filename, file.mimeType, fileBytes(file));
  await client.files.completeUploadExternal({
    files: [{ id, title: file.filename }],
    channel_id: channelId,
    initial_comment: file.caption,
  });
  return id;
}
