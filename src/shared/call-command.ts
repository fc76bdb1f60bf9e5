/**
 * Runs one command of a CoreApi after checking its arguments against the command's schema.
 * Every transport (WebSocket, Electron IPC) goes through here, so nothing reaches the
 * service that its schema did not accept.
 */
import { commandArgs, type CommandName, type CoreApi } from './api.js';

export class CommandArgsError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'TypeError';
  }
}

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && Object.hasOwn(commandArgs, value);
}

export async function callCommand(api: CoreApi, command: CommandName, args: unknown[]): Promise<unknown> {
  const parsed = commandArgs[command].safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`).join('; ');
    throw new CommandArgsError(`${command}: bad arguments (${issues})`);
  }
  const method = api[command] as (...values: unknown[]) => Promise<unknown>;
  return method.apply(api, parsed.data as unknown[]);
}
