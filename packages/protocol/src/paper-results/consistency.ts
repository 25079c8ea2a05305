// The paper results' internal consistency (spec §4.4.3): the server refuses, and a verifier fails, paper results that
// cannot be true whoever signed them — another election, unknown or repeated districts, options that do not exist,
// counts above the ballots. Consistency is all anyone can check: the figures themselves are the commission's word.
import { questionsOfStyle, styleOfDistrict } from '../definition/fingerprint.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import { type Problem, problem } from '../errors.ts';
import { type PaperResultsStatement, validPaperBallots } from './schema.ts';

/**
 * Every rule the statement breaks (empty when consistent), for the election with this fingerprint (hex) and frozen
 * register (district → registered voters). Codes: WRONG_ELECTION, UNKNOWN_DISTRICT, PAPER_RESULTS_INCONSISTENT.
 */
export function paperResultsProblems(
  definition: ElectionDefinition,
  fingerprintHex: string,
  register: Readonly<Record<string, number>>,
  statement: PaperResultsStatement,
): Problem[] {
  const out: Problem[] = [];
  const inconsistent = (path: (string | number)[], message: string) =>
    out.push(problem('PAPER_RESULTS_INCONSISTENT', path, message));
  if (statement.fingerprint !== fingerprintHex) {
    out.push(problem('WRONG_ELECTION', ['fingerprint'], 'the paper results name another election'));
  }
  const seen = new Set<string>();
  statement.districts.forEach((d, i) => {
    const at = ['districts', i];
    const style = styleOfDistrict(definition, d.district);
    if (!style || !definition.districts.some((x) => x.id === d.district)) {
      out.push(problem('UNKNOWN_DISTRICT', [...at, 'district'], `district "${d.district}" is not in the definition`));
      return;
    }
    if (seen.has(d.district)) inconsistent([...at, 'district'], `district "${d.district}" is given twice`);
    seen.add(d.district);
    if (d.ballotsCast > d.ballotsIssued) {
      inconsistent([...at, 'ballotsCast'], `${d.district}: ${d.ballotsCast} ballots cast but only ${d.ballotsIssued} issued`);
    }
    if (d.invalid > d.ballotsCast) {
      inconsistent([...at, 'invalid'], `${d.district}: ${d.invalid} invalid ballots but only ${d.ballotsCast} cast`);
    }
    const registered = register[d.district];
    if (registered !== undefined && d.ballotsIssued > registered) {
      inconsistent(
        [...at, 'ballotsIssued'],
        `${d.district}: ${d.ballotsIssued} paper ballots issued but only ${registered} voters registered`,
      );
    }
    const valid = validPaperBallots(d);
    const questions = questionsOfStyle(definition, style);
    if (d.questions.map((q) => q.question).join() !== questions.map((q) => q.id).join()) {
      inconsistent(
        [...at, 'questions'],
        `${d.district}: give the questions ${questions.map((q) => q.id).join(', ')} (its ballot style's, in that order), not ${d.questions.map((q) => q.question).join(', ') || 'none'}`,
      );
      return;
    }
    d.questions.forEach((answer, j) => {
      const question = questions[j];
      if (!question) return;
      const options = question.options.map((o) => o.id);
      for (const id of Object.keys(answer.counts)) {
        if (!options.includes(id)) {
          inconsistent([...at, 'questions', j, 'counts', id], `${d.district}/${question.id}: there is no option "${id}"`);
        }
      }
      let sum = 0;
      for (const id of options) {
        const count = answer.counts[id];
        if (count === undefined) {
          inconsistent([...at, 'questions', j, 'counts', id], `${d.district}/${question.id}: no count for option "${id}"`);
          continue;
        }
        sum += count;
        if (count > valid) {
          inconsistent(
            [...at, 'questions', j, 'counts', id],
            `${d.district}/${question.id}: "${id}" has ${count} marks but there are only ${valid} valid paper ballots`,
          );
        }
      }
      if (sum > valid * question.maxSelections) {
        inconsistent(
          [...at, 'questions', j, 'counts'],
          `${d.district}/${question.id}: ${sum} marks in all, more than ${valid} valid ballots × ${question.maxSelections} allowed`,
        );
      }
    });
  });
  for (const d of definition.districts) {
    if (!seen.has(d.id)) {
      inconsistent(['districts'], `district "${d.id}" is missing (give 0 ballots for a district without paper voting)`);
    }
  }
  return out;
}
