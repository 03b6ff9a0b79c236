/**
 * `npm run register`: replaces the Discord application's slash commands with those in commands/ — in one server
 * with DISCORD_GUILD_ID (instant: for development), otherwise globally (all servers and DMs; clients pick changes
 * up within about an hour). Run it after changing commands/, not on every start: Discord rate-limits it.
 */
import { REST } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import { registerCommands } from '../adapters/discord/registration.js';
import { scrubSecrets, secretValues } from '../config/secrets.js';
import { useConfiguredSecrets } from '../core/credentials.js';
import { configOrExit } from './start-up.js';

const config = configOrExit();
useConfiguredSecrets(secretValues(process.env));
if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) {
  process.stderr.write('register: DISCORD_TOKEN and DISCORD_APP_ID are required (the bot token and the application id from the Developer Portal).\n');
  process.exit(2);
}

const rest = new REST(config.DISCORD_REST_API ? { api: config.DISCORD_REST_API } : {}).setToken(config.DISCORD_TOKEN);
try {
  const { scope, count } = await registerCommands(rest, config.DISCORD_APP_ID, COMMANDS, config.DISCORD_GUILD_ID);
  process.stdout.write(`register: ${count} commands registered (${scope}).\n`);
} catch (error) {
  process.stderr.write(`register: Discord refused the commands: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
}
