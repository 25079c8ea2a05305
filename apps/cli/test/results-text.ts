// Reading back the result as `saylau results` / `saylau election tally` print it, so tests compare what a person sees.

/** section ("district north" or "overall") → question → option → count. */
export type PrintedResults = Record<string, Record<string, Record<string, number>>>;

export function parsePrintedResults(text: string): PrintedResults {
  const out: PrintedResults = {};
  let section: string | undefined;
  let question: string | undefined;
  for (const line of text.split('\n')) {
    const district = /^ {2}district (\S+)/.exec(line);
    if (district) section = `district ${district[1]}`;
    else if (/^ {2}overall$/.test(line)) section = 'overall';
    else if (/^Validity/.test(line)) section = undefined;
    const q = /^ {4}(\S+): .* — (\d+) ballots/.exec(line);
    if (q && section) {
      question = q[1] as string;
      out[section] ??= {};
      (out[section] as Record<string, Record<string, number>>)[question] = {};
      continue;
    }
    const option = /^ {6}.*\((\S+)\)\s+(\d+)\s+[\d.–]+%?$/.exec(line);
    if (option && section && question) {
      (out[section]?.[question] as Record<string, number>)[option[1] as string] = Number(option[2]);
    }
  }
  return out;
}

/** question → "VALID" | "NOT VALID" */
export function parsePrintedValidity(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const start = text.indexOf('Validity');
  for (const match of text.slice(start).matchAll(/^ {2}(\S+): (VALID|NOT VALID)( — .*)?$/gm))
    out[match[1] as string] = match[2] as string;
  return out;
}
