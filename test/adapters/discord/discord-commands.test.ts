/**
 * `/plan` as Discord registers and delivers it: the command definition within Discord's naming
 * rules, its options mapped onto the same `ParsedCommand` the text grammar produces, and
 * registration (guild and global) through the fake REST API, from the library and from the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { planCommandDefinition, registerCommands } from '../../../src/adapters/discord/index.js';
import { parsePlanOptions } from '../../../src/adapters/discord/command-options.js';
import { parseCommandText } from '../../../src/conversation/command-parser.js';
import { COMMAND_NAMES } from '../../../src/conversation/commands/index.js';
import { inviteUrl, runDiscordRegisterCommand } from '../../../src/cli/discord-register-command.js';
import { FakeDiscordRest } from '../../fakes/discord/fake-discord-rest.js';
import { snowflake } from '../../fakes/discord/snowflakes.js';

const TOKEN = 'register-token';
const APP = snowflake();
let rest: FakeDiscordRest;

beforeAll(async () => {
  rest = await FakeDiscordRest.start({ token: TOKEN, applicationId: APP, botUser: { id: APP, username: 'GoFast Coach', bot: true } });
});

afterAll(async () => {
  await rest?.close();
});

describe('the /plan definition', () => {
  it('has a subcommand per core command, named and described within Discord limits', () => {
    const def = planCommandDefinition();
    expect(def.name).toBe('plan');
    const subs = def.options ?? [];
    expect(subs.map((o) => o.name)).toEqual([...COMMAND_NAMES]);
    const names = JSON.stringify(def).match(/"name":"[^"]*"/g) ?? [];
    for (const option of subs) {
      expect(option.description.length).toBeLessThanOrEqual(100);
      expect(option.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      for (const o of 'options' in option ? (option.options ?? []) : []) {
        expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(o.description.length).toBeLessThanOrEqual(100);
      }
    }
    expect(names.length).toBeGreaterThan(10);
    const newOptions = subs.find((o) => o.name === 'new');
    const optionNames = (newOptions && 'options' in newOptions ? (newOptions.options ?? []) : []).map((o) => o.name);
    expect(optionNames).toEqual(expect.arrayContaining(['recent-long', 'long-day']));
    expect(optionNames.length).toBeLessThanOrEqual(25);
  });

  it('installs to a server or to a user, and works in servers, DMs with the bot and other DMs', () => {
    const def = planCommandDefinition();
    // Guild install and user install; guild, bot DM and private channel (other DMs, group DMs).
    expect(def.integration_types).toEqual([0, 1]);
    expect(def.contexts).toEqual([0, 1, 2]);
  });

  it('suggests time zones as they are typed in settings', () => {
    const settings = planCommandDefinition().options?.find((o) => o.name === 'settings');
    const options = settings && 'options' in settings ? (settings.options ?? []) : [];
    expect(options).toEqual([
      expect.objectContaining({ name: 'timezone', type: 3, required: false, autocomplete: true }),
      // Issue 18: the long-run day of the weeks to come, picked from the days.
      expect.objectContaining({
        name: 'long-day',
        type: 3,
        required: false,
        choices: expect.arrayContaining([{ name: 'Sunday', value: '7' }]),
      }),
    ]);
    expect(options[0]).not.toHaveProperty('choices');
  });

  it('maps options onto the same command the text grammar gives', () => {
    const fromOptions = parsePlanOptions([
      {
        name: 'new',
        type: 1,
        options: [
          { name: 'distance', type: 3, value: 'marathon' },
          { name: 'race-date', type: 3, value: '2027-04-18' },
          { name: 'mileage', type: 10, value: 25 },
          { name: 'race-name', type: 3, value: 'Berlin Marathon' },
        ],
      },
    ]);
    const typed = parseCommandText('/plan new distance=marathon race-date=2027-04-18 mileage=25 race="Berlin Marathon"');
    expect(fromOptions.name).toBe(typed.name);
    expect(fromOptions.args).toEqual(typed.args);
    expect(parsePlanOptions([{ name: 'week', type: 1, options: [{ name: 'week', type: 4, value: 3 }] }])).toMatchObject({
      name: 'week',
      positional: ['3'],
    });
    const longRun = parsePlanOptions([
      {
        name: 'new',
        type: 1,
        options: [
          { name: 'recent-long', type: 10, value: 12.5 },
          { name: 'long-day', type: 3, value: '7' },
        ],
      },
    ]);
    expect(longRun.args).toEqual(parseCommandText('/plan new recent-long=12.5 long-day=7').args);
    expect(parsePlanOptions([{ name: 'rm', type: 1 }]).name).toBe('unknown');
    expect(parsePlanOptions('nonsense').name).toBe('unknown');
  });
});

describe('registration', () => {
  it('registers in one guild, or globally, by bulk overwrite', async () => {
    const guild = snowflake();
    expect(await registerCommands({ token: TOKEN, applicationId: APP, guildId: guild, apiUrl: rest.url })).toEqual({
      scope: 'guild',
      count: 1,
    });
    expect(await registerCommands({ token: TOKEN, applicationId: APP, apiUrl: rest.url })).toEqual({ scope: 'global', count: 1 });
    const [inGuild, global] = rest.callsTo('PUT', /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/);
    expect(inGuild?.path).toBe(`/applications/${APP}/guilds/${guild}/commands`);
    expect(global?.path).toBe(`/applications/${APP}/commands`);
    expect(inGuild?.authorization).toBe(`Bot ${TOKEN}`);
    expect(global?.body).toEqual([planCommandDefinition()]);
  });

  it('gofast discord register: says where it registered and how to add the bot', async () => {
    let out = '';
    const guild = snowflake();
    await runDiscordRegisterCommand(['register', '--guild', guild], {
      token: TOKEN,
      applicationId: APP,
      apiUrl: rest.url,
      write: (t) => (out += t),
    });
    expect(out).toContain(`in server ${guild}`);
    expect(out).toContain(inviteUrl(APP));
    expect(rest.commands.get(guild)).toBeDefined();
  });

  it('gofast discord register: a clear error for what is missing or malformed', async () => {
    const write = (): void => undefined;
    await expect(runDiscordRegisterCommand(['register'], { applicationId: APP, write })).rejects.toThrow(/DISCORD_TOKEN/);
    await expect(runDiscordRegisterCommand(['register'], { token: TOKEN, write })).rejects.toThrow(/DISCORD_APPLICATION_ID/);
    await expect(runDiscordRegisterCommand(['register', '--guild', 'abc'], { token: TOKEN, applicationId: APP, write })).rejects.toThrow(
      /--guild/,
    );
    await expect(runDiscordRegisterCommand(['deploy'], { token: TOKEN, applicationId: APP, write })).rejects.toThrow(
      /gofast discord register/,
    );
    await expect(runDiscordRegisterCommand(['register'], { token: 'wrong', applicationId: APP, apiUrl: rest.url, write })).rejects.toThrow(
      /401|Unauthorized/,
    );
  });
});
