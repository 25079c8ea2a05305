// Time (spec §4.5): every event time and head timestamp in the board's one format (time.format), and in order
// (time.order): no event earlier than the one before it, no head earlier than the events it covers or the head
// before it, and the voting period kept — opened at most 15 minutes before it and before its end, ballots inside it,
// closed at its end or earlier only on the commission's early close signed by its threshold.
import {
  closeProblems,
  decodeJsonLines,
  type ErrorCode,
  isTimestamp,
  OPEN_GRACE_MS,
  type Period,
  periodOf,
  RECORD_FILES,
  withinPeriod,
} from '@saylau/protocol';
import type { VerifyContext } from '../context.ts';

/** The `time` (or `timestamp`) of a line that did not parse as an event (or head), if it has one. */
function rawTime(bytes: Uint8Array | undefined, member: 'time' | 'timestamp'): unknown {
  if (bytes === undefined) return undefined;
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[member] : undefined;
  } catch (error) {
    // not JSON at all: board.sequence reports the line, and it has no time to judge
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** time.format: YYYY-MM-DDTHH:MM:SS.sssZ for every event's time and every head's timestamp. */
export function checkTimeFormat(ctx: VerifyContext): void {
  const { checks, record } = ctx;
  // A line that parsed has a good time (the schemas require it); only the others need a second look.
  checks.count('time.format', record.eventCount);
  [...record.badLines].forEach(([seq, bytes]) => {
    const time = rawTime(bytes, 'time');
    if (time !== undefined && !isTimestamp(time)) {
      checks.fail('time.format', `seq ${seq}`, {
        seq,
        code: 'BAD_TIME_FORMAT',
        reason: `event ${seq}'s time ${JSON.stringify(time)} is not UTC in the form YYYY-MM-DDTHH:MM:SS.sssZ`,
      });
    }
  });
  const headsFile = record.files.get(RECORD_FILES.treeHeads);
  const headLines = headsFile ? decodeJsonLines(RECORD_FILES.treeHeads, headsFile).lines : [];
  checks.count('time.format', headLines.length);
  headLines.forEach((line, head) => {
    if (record.heads[head] !== undefined) return;
    const timestamp = rawTime(line.bytes, 'timestamp');
    if (timestamp !== undefined && !isTimestamp(timestamp)) {
      checks.fail('time.format', `head ${head}`, {
        head,
        file: RECORD_FILES.treeHeads,
        code: 'BAD_TIME_FORMAT',
        reason: `head ${head}'s timestamp ${JSON.stringify(timestamp)} is not UTC in the form YYYY-MM-DDTHH:MM:SS.sssZ`,
      });
    }
  });
}

/** time.order: events and heads in time order, and the voting period kept. */
export function checkTimeOrder(ctx: VerifyContext): void {
  const { checks, record, definition, fingerprint } = ctx;
  const fail = (item: string, where: { seq?: number; head?: number; path?: string }, code: ErrorCode, reason: string) =>
    checks.fail('time.order', item, { ...where, code, reason });
  checks.count('time.order', record.eventCount + record.heads.length);

  // events never earlier than the event before them
  let previous: { seq: number; time: string } | undefined;
  for (let seq = 0; seq < record.eventCount; seq++) {
    const event = record.event(seq);
    if (event === undefined) continue;
    if (previous && Date.parse(event.time) < Date.parse(previous.time)) {
      fail(
        `seq ${seq}`,
        { seq },
        'TIME_ORDER',
        `event ${seq} is stamped ${event.time}, before event ${previous.seq} (${previous.time})`,
      );
    }
    previous = { seq, time: event.time };
  }

  // heads not earlier than the last event they cover, nor than the head before them
  let previousHead: { head: number; timestamp: string } | undefined;
  record.heads.forEach((head, i) => {
    if (head === undefined) return;
    const last = head.treeSize > 0 ? record.event(head.treeSize - 1) : undefined;
    if (last && Date.parse(head.timestamp) < Date.parse(last.time)) {
      fail(
        `head ${i}`,
        { head: i },
        'TIME_ORDER',
        `the head of size ${head.treeSize} is stamped ${head.timestamp}, before the last event it covers (${last.seq}, ${last.time})`,
      );
    }
    if (previousHead && Date.parse(head.timestamp) < Date.parse(previousHead.timestamp)) {
      fail(
        `head ${i}`,
        { head: i },
        'TIME_ORDER',
        `head ${i} is stamped ${head.timestamp}, before head ${previousHead.head} (${previousHead.timestamp})`,
      );
    }
    previousHead = { head: i, timestamp: head.timestamp };
  });

  if (!definition || !fingerprint) {
    checks.note('time.order', 'no valid definition in event 0: the voting period is not known');
    return;
  }
  const period: Period = periodOf(definition);
  const { opens, closes } = definition.votingPeriod;
  for (let seq = 0; seq < record.eventCount; seq++) {
    const event = record.event(seq);
    if (event === undefined) continue;
    const at = Date.parse(event.time);
    if (event.type === 'ballot' && !withinPeriod(period, at)) {
      fail(
        `seq ${seq}`,
        { seq },
        'OUTSIDE_PERIOD',
        `a ballot accepted at ${event.time}, outside the voting period ${opens} – ${closes}`,
      );
    }
    if (event.type !== 'state') continue;
    if (event.early !== undefined && event.state !== 'closed') {
      fail(`seq ${seq}`, { seq }, 'ILLEGAL_ORDER', `an early close on the "${event.state}" state: only a close carries one`);
    }
    if (event.state === 'open' && at < period.opens - OPEN_GRACE_MS) {
      fail(
        `seq ${seq}`,
        { seq },
        'OUTSIDE_PERIOD',
        `voting opened at ${event.time}, more than 15 minutes before the period opens (${opens})`,
      );
    }
    if (event.state === 'open' && at >= period.closes) {
      fail(`seq ${seq}`, { seq }, 'OUTSIDE_PERIOD', `voting opened at ${event.time}, after the period ended (${closes})`);
    }
    if (event.state === 'closed') {
      for (const p of closeProblems(definition, fingerprint, event.time, event.early)) {
        fail(`seq ${seq}`, { seq, path: p.path.join('.') }, p.code, p.message);
      }
    }
  }
}
