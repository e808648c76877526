/**
 * The App Home tab: the core's own answers to `/plan status` and `/plan week` rendered one after
 * the other, so the tab always shows what those commands would (and its buttons work the same).
 * A short reply such as "your plan is in preview" is shown as a quiet context line.
 */
import type { types } from '@slack/bolt';

import type { View } from '../../conversation/views.js';
import { LIMITS, escapeMrkdwn } from './block-kit-limits.js';
import { fitBlocks, renderBlocks, type SlackBlock } from './render-blocks.js';

const HOME_CALLBACK_ID = 'gofast.home';

function sectionOf(view: View): SlackBlock[] {
  switch (view.kind) {
    case 'message':
      if (view.ephemeral) return [{ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(view.summary) }] }];
      return renderBlocks(view, LIMITS.homeBlocks);
    case 'form':
    case 'file':
      // The status and week commands answer with messages; nothing else belongs on the tab.
      return [];
  }
}

export function renderHome(views: readonly View[]): types.HomeView {
  const parts = views.map(sectionOf).filter((blocks) => blocks.length > 0);
  const blocks = parts.flatMap((blocks, i) => (i === 0 ? blocks : [{ type: 'divider' } satisfies SlackBlock, ...blocks]));
  return { type: 'home', callback_id: HOME_CALLBACK_ID, blocks: fitBlocks(blocks, LIMITS.homeBlocks) };
}
