// saylau turnout and saylau results: public reads (turnout at any time; results once decrypted).
import type { EventJsonOf, Language } from '@saylau/protocol';
import type { Command } from 'commander';
import { clientOf, type ElectionOptions, electionIdOf, fetchElection, withElection, withLanguage } from '../cli/options.ts';
import { resultLines, turnoutLines } from '../results/format.ts';

export function resultsCommand(program: Command): void {
  withLanguage(
    withElection(program.command('turnout').description('registered voters and e-voters per district (never results)')),
  )
    .option('--json', 'print the JSON answer')
    .action(async (options: ElectionOptions & { json?: boolean; language: Language }) => {
      const client = clientOf(options);
      const turnout = await client.get<{ districts: { district: string; registered: number; voted: number }[] }>(
        `/api/elections/${electionIdOf(options)}/turnout`,
        { what: 'reading the turnout' },
      );
      if (options.json) console.log(JSON.stringify(turnout, null, 2));
      else {
        const election = await fetchElection(client, electionIdOf(options));
        for (const line of turnoutLines(turnout, election.definition, options.language)) console.log(line);
      }
    });

  withLanguage(
    withElection(program.command('results').description("the result per district and overall, and each question's validity")),
  )
    .option('--json', 'print the result event as JSON')
    .action(async (options: ElectionOptions & { json?: boolean; language: Language }) => {
      const client = clientOf(options);
      const election = await fetchElection(client, electionIdOf(options));
      const result = await client.get<EventJsonOf<'result'>>(`/api/elections/${election.id}/results`, {
        what: 'reading the result',
      });
      if (options.json) console.log(JSON.stringify(result, null, 2));
      else for (const line of resultLines(election.definition, result, options.language)) console.log(line);
    });
}
