import { Command } from 'commander';
import { contextOf } from '../context.ts';
import { acceptLocally } from '../local-accept.ts';

/** `local accept`: the customer's side, only against `npm start` on this machine. */
export const local = new Command('local').description('Only against `npm start` on this machine');

local
  .command('accept')
  .description('Act as the customer: open the newest consent email to this address in the local SES inbox (it signs its recipient in) and accept it')
  .requiredOption('--email <recipient>', "the customer's global administrator")
  .option('--ses-url <url>', 'the local SES (env SES_URL)', process.env.SES_URL ?? 'http://127.0.0.1:8005')
  .option('--decline', 'decline instead')
  .action(async (o: { email: string; sesUrl: string; decline?: true }, command: Command) => {
    const { baseUrl, print } = contextOf(command);
    const outcome = await acceptLocally({ baseUrl, sesUrl: o.sesUrl, email: o.email, decline: !!o.decline });
    print(outcome, () => outcome.message);
  });
