import { durationMilliseconds } from '../clock/iso-duration.js';
import { isPlainObject } from '../values/validation-problems.js';
import {
  isStorableDate,
  STORABLE_YEARS_TEXT,
} from '../values/storable-values.js';

/**
 * `now`, `now+<ISO 8601 duration>` or `now-<ISO 8601 duration>`: a time relative to the moment a
 * seed is loaded, so that shipped example data describes the same recent past and near future
 * on any date.
 */
const RELATIVE_TIME = /^now(?:([+-])(P.*))?$/;
// Text that reads as an attempt at the notation, so that its mistake is named as such.
const LOOKS_RELATIVE = /^\s*now/i;
const NOTATION = 'write now, now+P90D or now-PT2H (an ISO 8601 duration)';

export interface ResolvedRecords {
  readonly records: unknown[];
  /** Each value that reads as a relative time but is not one, by place (`things[2].startDateTime`). */
  readonly problems: ReadonlyMap<string, string>;
}

/**
 * Replaces every relative time in the date-time properties of a collection's records (those
 * named `…DateTime`, at any depth, as Graph names them) by the ISO 8601 instant it stands for
 * at `now`. Other values, absolute dates included, are left for validation to judge; a record
 * that holds no relative time is returned as it was.
 */
export function resolveRelativeTimes(
  collection: string,
  records: readonly unknown[],
  now: Date,
): ResolvedRecords {
  const problems = new Map<string, string>();
  const resolved = records.map((record, index) =>
    resolveIn(`${collection}[${index}]`, record, now, problems),
  );
  return { records: resolved, problems };
}

function resolveIn(
  place: string,
  value: unknown,
  now: Date,
  problems: Map<string, string>,
): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item, index) =>
      resolveIn(`${place}[${index}]`, item, now, problems),
    );
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (!isPlainObject(value)) {
    return value;
  }
  let changed = false;
  const entries = Object.entries(value).map(([name, item]) => {
    const itemPlace = `${place}.${name}`;
    const resolved =
      name.endsWith('DateTime') && typeof item === 'string'
        ? resolveTime(itemPlace, item, now, problems)
        : resolveIn(itemPlace, item, now, problems);
    changed ||= resolved !== item;
    return [name, resolved];
  });
  return changed ? Object.fromEntries(entries) : value;
}

function resolveTime(
  place: string,
  text: string,
  now: Date,
  problems: Map<string, string>,
): string {
  if (!LOOKS_RELATIVE.test(text)) {
    return text;
  }
  const match = RELATIVE_TIME.exec(text);
  const offset =
    match && (match[2] === undefined ? 0 : durationMilliseconds(match[2]));
  if (offset === null || offset === undefined) {
    problems.set(place, `'${text}' is not a relative time; ${NOTATION}`);
    return text;
  }
  const moment = new Date(
    now.getTime() + (match?.[1] === '-' ? -offset : offset),
  );
  if (!isStorableDate(moment)) {
    problems.set(place, `'${text}' falls outside ${STORABLE_YEARS_TEXT}`);
    return text;
  }
  return moment.toISOString();
}
