/**
 * The pictures of a message view (`ImageBlock`s: the plan chart, a week card) made ready for Slack:
 * rasterised to PNG and uploaded through the external upload flow, unshared, so the message shows
 * each in an image block by its file id (`slack_file`). A picture is uploaded once: the same SVG
 * again (the App Home opened twice, a week's message edited after a Done press) reuses its file.
 *
 * A chart never holds up a message: when an upload fails (no `files:write` scope, a rate limit,
 * an outage) the message goes out without that picture, its text intact, and the failure is logged
 * once per Slack code. A missing scope stops further tries until the app restarts, since every one
 * would fail the same way.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import { chartPng, svgKey } from '../charts/chart-png.js';
import type { ImageBlock, MessageView } from '../../conversation/views.js';
import { toDeliveryError } from './delivery-errors.js';
import { uploadImage } from './file-upload.js';
import { NO_IMAGES, type ImageFiles } from './render-blocks.js';

/** Files remembered by picture; a week card a member a week, plan charts a day. */
const REMEMBERED = 2_000;

export class SlackImages {
  private readonly files = new Map<string, string>();
  private readonly pending = new Map<string, Promise<string | undefined>>();
  private readonly logged = new Set<string>();
  private disabled = false;

  constructor(private readonly logger: Logger) {}

  /** Uploads the view's pictures not uploaded yet; the map holds those Slack can show. */
  async prepare(client: webApi.WebClient, view: MessageView): Promise<ImageFiles> {
    const images = view.blocks.filter((b): b is ImageBlock => b.type === 'image');
    if (images.length === 0) return NO_IMAGES;
    const files = new Map<string, string>();
    for (const image of images) {
      const id = await this.fileOf(client, image);
      if (id !== undefined) files.set(image.svg, id);
    }
    return files;
  }

  private async fileOf(client: webApi.WebClient, image: ImageBlock): Promise<string | undefined> {
    if (this.disabled) return undefined;
    const key = svgKey(image.svg);
    const known = this.files.get(key);
    if (known !== undefined) return known;
    // Two deliveries of the same picture at once (the App Home and a post) share one upload.
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const upload = this.upload(client, key, image).finally(() => this.pending.delete(key));
    this.pending.set(key, upload);
    return upload;
  }

  private async upload(client: webApi.WebClient, key: string, image: ImageBlock): Promise<string | undefined> {
    try {
      const id = await uploadImage(client, { filename: `${image.image}.png`, title: image.title, png: chartPng(image.svg) });
      this.files.set(key, id);
      for (const oldest of this.files.keys()) {
        if (this.files.size <= REMEMBERED) break;
        this.files.delete(oldest);
      }
      return id;
    } catch (error) {
      const failure = toDeliveryError(error);
      if (failure.detail === 'missing_scope') this.disabled = true;
      if (!this.logged.has(failure.detail)) {
        this.logged.add(failure.detail);
        this.logger.warn(
          { err: error, code: failure.detail, image: image.image },
          failure.detail === 'missing_scope'
            ? 'charts are left out of Slack messages: the app needs the files:write scope to upload them'
            : 'a chart could not be uploaded to Slack; its message went out without it',
        );
      } else {
        this.logger.debug({ code: failure.detail, image: image.image }, 'a chart could not be uploaded to Slack');
      }
      return undefined;
    }
  }
}
