/**
 * Terraform's `regex`, `regexall` and the `/pattern/` form of `replace`, on RE2 (re2js): Go's
 * syntax and semantics, linear in the input however the pattern is written. JavaScript's own
 * engine backtracks (`(a+)+$` never returns) and reads another syntax: `(?P<name>)`, `\z`, `(?i)`
 * flags and POSIX classes are RE2's; lookarounds and backreferences are errors, as in Terraform.
 */
import type { RE2JS } from "re2js";
import { re2jsLibrary } from "../../source/lazy-libraries.js";
import type { Value } from "../../model/value.js";
import { fail } from "./errors.js";

const compiled = new Map<string, RE2JS | string>();

/** The compiled pattern, or the reason it does not compile (memoised: patterns repeat per instance). */
function compile(pattern: string): RE2JS | string {
  let result = compiled.get(pattern);
  if (result === undefined) {
    try {
      result = re2jsLibrary().RE2JS.compile(pattern);
    } catch (error) {
      result = (error as Error).message;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, result);
  }
  return result;
}

interface Match {
  start: number;
  end: number;
  groups: (string | null)[];
}

/** Matches left to right as Go's FindAll does: an empty match right after a match is skipped. */
function* matches(pattern: RE2JS, input: string, limit = Infinity): Generator<Match> {
  const matcher = pattern.matcher(input);
  let previousEnd = -1;
  let found = 0;
  while (found < limit && matcher.find()) {
    const start = matcher.start();
    const end = matcher.end();
    if (start === end && start === previousEnd) continue;
    previousEnd = end;
    found++;
    const groups: (string | null)[] = [];
    for (let group = 1; group <= matcher.groupCount(); group++) groups.push(matcher.group(group));
    yield { start, end, groups };
  }
}

/** A match as Terraform returns it: the text, a list of groups, or an object of named groups. */
function matchValue(pattern: RE2JS, input: string, match: Match): Value {
  const names = Object.entries(pattern.namedGroups() as Record<string, number>);
  if (names.length) return Object.fromEntries(names.map(([name, index]) => [name, match.groups[index - 1] ?? null]));
  if (match.groups.length) return match.groups.map((group) => group ?? null);
  return input.slice(match.start, match.end);
}

export function regex(patternText: string, input: string): Value {
  const pattern = compile(patternText);
  if (typeof pattern === "string") return fail(`regex: invalid regular expression: ${pattern}`);
  const [first] = matches(pattern, input, 1);
  return first ? matchValue(pattern, input, first) : fail("regex: pattern did not match any part of the given string");
}

export function regexall(patternText: string, input: string): Value {
  const pattern = compile(patternText);
  if (typeof pattern === "string") return fail(`regexall: invalid regular expression: ${pattern}`);
  return [...matches(pattern, input)].map((match) => matchValue(pattern, input, match));
}

/** `replace(s, "/re/", r)`: every match replaced, `$1`, `${1}`, `$name`, `${name}` and `$$` expanded as Go does. */
export function replaceRegex(patternText: string, input: string, replacement: string): Value {
  const pattern = compile(patternText);
  if (typeof pattern === "string") return fail(`replace: invalid regular expression: ${pattern}`);
  const names = pattern.namedGroups() as Record<string, number>;
  let result = "";
  let at = 0;
  for (const match of matches(pattern, input)) {
    result += input.slice(at, match.start) + expand(replacement, input, match, names);
    at = match.end;
  }
  return result + input.slice(at);
}

function expand(template: string, input: string, match: Match, names: Record<string, number>): string {
  let result = "";
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (char !== "$") {
      result += char;
      continue;
    }
    if (template[i + 1] === "$") {
      result += "$";
      i++;
      continue;
    }
    const braced = template[i + 1] === "{";
    const rest = template.slice(i + (braced ? 2 : 1));
    const name = /^\w+/.exec(rest)?.[0];
    if (!name || (braced && rest[name.length] !== "}")) {
      // Malformed: Go keeps the `$` as text.
      result += "$";
      continue;
    }
    const index = /^\d+$/.test(name) ? Number(name) : names[name];
    const value = index === 0 ? input.slice(match.start, match.end) : index ? match.groups[index - 1] : undefined;
    result += value ?? "";
    i += name.length + (braced ? 2 : 0);
  }
  return result;
}
