// saylau practice: opens a practice election on the commission's server with published sample codes, so that anyone
// can try the booth before the real election (see practice/practice.ts).
import type { Command } from 'commander';
import { clientOf, positiveInt, withAdminToken, withServer } from '../cli/options.ts';
import { runPractice } from '../practice/practice.ts';

export function practiceCommand(program: Command): void {
  withAdminToken(
    withServer(program.command('practice'))
      .description(
        'define and open a practice election (marked "does not count" on every page) with sample codes anyone may use to try the booth',
      )
      .option('--id <id>', 'the practice election id', `practice-${new Date().toISOString().slice(0, 10)}`)
      .option('--voters <n>', 'sample voters (their codes are published)', positiveInt('--voters'), 5)
      .option('--days <n>', 'days the practice booth stays open', positiveInt('--days'), 30)
      .option('--out <dir>', 'where the sample codes and letters are written', 'saylau-practice')
      .option('--voting-url <url>', "the booth's public address, if not the server's (behind a proxy)"),
  ).action(
    async (options: {
      server?: string;
      adminToken?: string;
      id: string;
      voters: number;
      days: number;
      out: string;
      votingUrl?: string;
    }) => {
      const client = clientOf({ ...options, election: options.id });
      await runPractice(client, {
        id: options.id,
        voters: options.voters,
        days: options.days,
        out: options.out,
        ...(options.votingUrl ? { votingBaseUrl: options.votingUrl } : {}),
      });
    },
  );
}
