/**
 * `/plan share [off]`: a link to a read-only web page of the plan, for a coach, a friend or a
 * phone's home screen; `off` makes the link stop working at once. The link is a credential, so the
 * answer is private. Only a fingerprint of it is kept, so sharing again makes a new link and the
 * earlier one stops working (src/plans/use-cases/share-plan.ts).
 */
import { calendarSubscriptionText } from '../calendar-link.js';
import { textView } from '../plan-views.js';
import type { CommandSpec } from './command-spec.js';

const OFF = 'off';

export const shareCommand = {
  name: 'share',
  description: 'A link to a web page of your plan; "off" stops it working',
  help: {
    summary: 'a private link to a web page of your plan (a new one each time); /plan share off turns the link off',
  },
  arguments: [
    {
      name: 'action',
      kind: 'text',
      description: 'off: the link stops working at once',
      required: false,
      choices: [{ value: OFF, label: OFF }],
      positional: { placeholder: 'off' },
    },
  ],
  who: 'owner',
  planStatuses: ['active', 'completed'],
  private: true,
  async handle({ plans }, { actor, command }, found) {
    const action = (command.positional[0] ?? command.args.action)?.trim().toLowerCase();
    if (action === OFF) {
      const had = await plans.unsharePlan(actor.identity, found.id);
      return [
        textView(had ? 'Sharing is off: the link to your plan no longer works.' : 'Your plan has no share link to turn off.', {
          ephemeral: true,
        }),
      ];
    }
    if (action !== undefined && action !== '') {
      return [
        textView(`"${action}" is not something share does: /plan share makes a link, /plan share off turns it off.`, { ephemeral: true }),
      ];
    }
    const link = await plans.sharePlan(actor.identity, found.id);
    const replaced = link.replaced ? ' It replaces your earlier link, which no longer works.' : '';
    return [
      textView(
        `Anyone with this link can see your plan (read-only): ${link.url}${replaced} /plan share off turns it off.\n${calendarSubscriptionText(link.url)}\nWorkouts for your watch: ${link.url}/fit (this week's runs as .fit files).`,
        {
          ephemeral: true,
        },
      ),
    ];
  },
} satisfies CommandSpec;
