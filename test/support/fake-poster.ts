/**
 * An in-process chat platform for scheduler tests: records every post with the (fake) time it
 * arrived, and can be told to refuse posts the way platforms do.
 */
import { DeliveryError, type ChatPoster, type PostTarget } from '../../src/conversation/chat-poster.js';
import type { MessageView } from '../../src/conversation/views.js';

export type RecordedPost = { readonly at: Date; readonly target: PostTarget; readonly view: MessageView; readonly ref: string };

export class FakePoster implements ChatPoster {
  readonly posts: RecordedPost[] = [];
  private failures: { match: (t: PostTarget) => boolean; error: () => DeliveryError; times: number }[] = [];
  private count = 0;

  constructor(
    readonly platform: string,
    private readonly now: () => Date,
  ) {}

  /** The next `times` posts matching `match` fail with `error()`. */
  failNext(times: number, error: () => DeliveryError, match: (t: PostTarget) => boolean = () => true): void {
    this.failures.push({ match, error, times });
  }

  /** Scripted failures not yet used. */
  failuresLeft(): number {
    return this.failures.reduce((sum, f) => sum + f.times, 0);
  }

  async post(target: PostTarget, view: MessageView): Promise<{ messageRef: string }> {
    const failure = this.failures.find((f) => f.times > 0 && f.match(target));
    if (failure) {
      failure.times -= 1;
      throw failure.error();
    }
    this.count += 1;
    const ref = `${target.channelId ?? 'dm'}:${this.count}`;
    this.posts.push({ at: this.now(), target, view, ref });
    return { messageRef: ref };
  }

  /** The week numbers posted to one owner, in order. */
  weeksPostedTo(owner: string): number[] {
    return this.posts
      .filter((p) => p.target.owner === owner)
      .map((p) => /Week (\d+) of/.exec(p.view.summary + JSON.stringify(p.view.blocks[0]))?.[1])
      .filter((w): w is string => w !== undefined)
      .map(Number);
  }
}
