/**
 * Shares a file in a conversation through Slack's external upload flow (the retired `files.upload`
 * is gone): `files.getUploadURLExternal` for an upload URL, a POST of the raw bytes to that URL,
 * then `files.completeUploadExternal` to share it in the channel with a comment.
 */
import type { webApi } from '@slack/bolt';

import type { FileView } from '../../conversation/views.js';

class FileUploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileUploadError';
  }
}

export async function uploadFile(client: webApi.WebClient, channelId: string, file: FileView): Promise<string> {
  const bytes = Buffer.from(file.content, 'utf8');
  const target = await client.files.getUploadURLExternal({ filename: file.filename, length: bytes.length });
  if (!target.upload_url || !target.file_id) throw new FileUploadError('files.getUploadURLExternal returned no upload_url or file_id');
  const response = await fetch(target.upload_url, {
    method: 'POST',
    headers: { 'Content-Type': file.mimeType },
    body: bytes,
  });
  // The upload service answers 200 with a short text body; anything else means the bytes did not land.
  await response.arrayBuffer();
  if (response.status !== 200) throw new FileUploadError(`upload of ${file.filename} failed with HTTP ${response.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: file.filename }],
    channel_id: channelId,
    initial_comment: file.caption,
  });
  return target.file_id;
}
