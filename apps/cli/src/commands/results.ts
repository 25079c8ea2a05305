// saylau turnout and saylau results: public reads (turnout at any time; results once decrypted, with the commission's
// paper results beside the electronic ones); saylau results paper: the commission enters the paper results.
import type { EventJsonOf, Language } from '@saylau/protocol';
import type { Command } from 'commander';
import {
  type CommissionOptions,
  clientOf,
  type ElectionOptions,
  electionIdOf,
  fetchElection,
  withCommission,
  withElection,
  withLanguage,
} from '../cli/options.ts';
import { readPaperResults } from '../files/paper-results-file.ts';
import { resultLines, turnoutLines } from '../results/format.ts';
import { fetchPaperResults } from '../results/paper.ts';
import { givenToParent } from './results-protocol.ts';

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

  const results = withLanguage(
    withElection(
      program
        .command('results')
        .description("the result per district and overall (electronic, paper and combined), and each question's validity"),
    ),
  )
    .option('--json', 'print the result event (and the paper-results event, when on the board) as JSON')
    .action(async (options: ElectionOptions & { json?: boolean; language: Language }) => {
      const client = clientOf(options);
      const election = await fetchElection(client, electionIdOf(options));
      const result = await client.get<EventJsonOf<'result'>>(`/api/elections/${election.id}/results`, {
        what: 'reading the result',
      });
      const paper = await fetchPaperResults(client, election.id);
      if (options.json) console.log(JSON.stringify(paper ? { ...result, paperResults: paper } : result, null, 2));
      else for (const line of resultLines(election.definition, result, options.language, paper)) console.log(line);
    });

  withCommission(
    results
      .command('paper')
      .description(
        'enter the paper results per district from the precinct protocols (after close); the members then sign them with "saylau commission sign paper-results"',
      )
      .requiredOption(
        '--file <file>',
        'paper.csv (district,ballots_issued,ballots_cast,invalid,question.option,…) or paper.json',
      ),
  ).action(async (own: CommissionOptions & { file: string }, command: Command) => {
    const options = { ...own, ...givenToParent(command) } as typeof own;
    const client = clientOf(options);
    const election = await fetchElection(client, electionIdOf(options));
    const districts = readPaperResults(options.file, election.definition, election.fingerprintHex, election.registerSizes);
    const staged = await client.admin<{ districts: number; ballotsCast: number; threshold: number }>(
      `/api/elections/${election.id}/paper-results`,
      { districts },
      'entering the paper results',
    );
    console.log(
      `paper results of ${staged.districts} district(s), ${staged.ballotsCast} paper ballots cast, are waiting for signatures`,
    );
    console.log(
      `  ${staged.threshold} commission member(s) must sign: saylau commission sign paper-results --key-file member.key`,
    );
  });
}
