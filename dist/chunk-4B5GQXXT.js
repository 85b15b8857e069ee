import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  isRecord,
  isScalar
} from "./chunk-NAJNBSQM.js";
import {
  profileFormat
} from "./chunk-OE7PDYP2.js";
import {
  DEFAULT_PARAMS_FILE,
  DVC_CONFIG_FILES,
  InterpolationError,
  PYTHON_YAML_SCHEMA,
  PyFloat,
  interpolateDeep,
  interpolateString,
  lookup,
  paramsReader,
  pyStr,
  readDvcParsing,
  unbox
} from "./chunk-OVJAGWQD.js";
import {
  YamlSource,
  clip,
  pinpoint,
  suggest
} from "./chunk-P4FB7NFE.js";
import {
  PARSE_LIMITS,
  formatPath
} from "./chunk-GLCB3FVJ.js";
import {
  Cd4mlAggregateError,
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  _default,
  _enum,
  array,
  boolean,
  describe,
  int,
  literal,
  looseObject,
  nullable,
  number,
  optional,
  record,
  refine,
  strictObject,
  string,
  superRefine,
  union,
  unknown
} from "./chunk-JK3JTSK4.js";
import {
  _gte,
  _lte,
  _minLength,
  _nonnegative,
  _positive,
  _regex
} from "./chunk-GDE4YRT6.js";
import {
  __commonJS,
  __toESM
} from "./chunk-WARPCWE3.js";

// node_modules/ignore/index.js
var require_ignore = __commonJS({
  "node_modules/ignore/index.js"(exports, module) {
    function makeArray(subject) {
      return Array.isArray(subject) ? subject : [subject];
    }
    var UNDEFINED = void 0;
    var EMPTY = "";
    var SPACE = " ";
    var ESCAPE = "\\";
    var REGEX_LITERAL_SPECIAL = /[.*+?()[\]{}^$|\\/]/;
    var BOM = "\uFEFF";
    var REGEX_ANCHORED_GLOBSTAR = /^\/\*{2,}$/;
    var REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION = /^\\!/;
    var REGEX_REPLACE_LEADING_EXCAPED_HASH = /^\\#/;
    var REGEX_SPLITALL_CRLF = /\r?\n/g;
    var DOUBLE_SLASH = "//";
    var SLASH_CODE = 47;
    var DOT_CODE = 46;
    var SLASH = "/";
    var TMP_KEY_IGNORE = "node-ignore";
    if (typeof Symbol !== "undefined") {
      TMP_KEY_IGNORE = /* @__PURE__ */ Symbol.for("node-ignore");
    }
    var KEY_IGNORE = TMP_KEY_IGNORE;
    var define = (object, key, value) => {
      Object.defineProperty(object, key, { value });
      return value;
    };
    var RETURN_FALSE = () => false;
    var POSIX_CLASSES = {
      alnum: "0-9A-Za-z",
      alpha: "A-Za-z",
      blank: " \\t",
      cntrl: "\\x00-\\x1f\\x7f",
      digit: "0-9",
      graph: "!-.0-~",
      lower: "a-z",
      print: " -.0-~",
      punct: "!-.:-@\\[-`{-~",
      // git's `sane-ctype.h` classifies \v and \f as control, not space,
      //   unlike C's `isspace`
      space: " \\t\\n\\r",
      upper: "A-Z",
      xdigit: "0-9A-Fa-f"
    };
    var CLASS_MEMBERS_TO_ESCAPE = "\\]^-[";
    var escapeMember = (char) => CLASS_MEMBERS_TO_ESCAPE.indexOf(char) < 0 ? char : ESCAPE + char;
    var NON_SLASH = "(?!\\/)";
    var classSource = (negated, body) => {
      if (negated) {
        return `[^\\/${body}]`;
      }
      const source = `[${body}]`;
      return new RegExp(source).test("/") ? NON_SLASH + source : source;
    };
    var scanBracket = (pattern, start) => {
      const { length } = pattern;
      let index = start + 1;
      let negated = EMPTY;
      const lead = pattern[index];
      if (lead === "!" || lead === "^") {
        negated = "^";
        index++;
      }
      let body = EMPTY;
      let prev = EMPTY;
      for (; ; ) {
        const char = pattern[index];
        if (char === UNDEFINED) {
          return null;
        }
        if (char === ESCAPE) {
          const escaped = pattern[++index];
          body += escapeMember(escaped);
          prev = escaped;
        } else if (char === "-" && prev && index + 1 < length && pattern[index + 1] !== "]") {
          index++;
          let to = pattern[index];
          if (to === ESCAPE) {
            to = pattern[index += 1];
          }
          if (prev <= to) {
            body += `-${escapeMember(to)}`;
          }
          prev = EMPTY;
        } else if (char === "[" && pattern[index + 1] === ":") {
          const nameStart = index + 2;
          let end = nameStart;
          while (end < length && pattern[end] !== "]") {
            end++;
          }
          if (end === length) {
            return null;
          }
          if (end > nameStart && pattern[end - 1] === ":") {
            const name = pattern.slice(nameStart, end - 1);
            if (!Object.prototype.hasOwnProperty.call(POSIX_CLASSES, name)) {
              return null;
            }
            body += POSIX_CLASSES[name];
            prev = EMPTY;
            index = end;
          } else {
            body += escapeMember("[");
            prev = "[";
            index = nameStart - 2;
          }
        } else {
          body += escapeMember(char);
          prev = char;
        }
        index++;
        if (pattern[index] === "]") {
          return {
            end: index,
            source: classSource(negated, body)
          };
        }
      }
    };
    var NEVER_MATCH = "[]";
    var PLACEHOLDER = "\0";
    var REGEX_RESTORE_PLACEHOLDER = new RegExp(
      `${PLACEHOLDER}(\\d+)${PLACEHOLDER}`,
      "g"
    );
    var TRAILING_WILDCARD = "\uE000";
    var TRAILING_DOUBLESTAR = "\uE001";
    var isReserved = (char) => char === PLACEHOLDER || char === TRAILING_WILDCARD || char === TRAILING_DOUBLESTAR;
    var extractBrackets = (pattern) => {
      const sources = [];
      const hold = (source) => `${PLACEHOLDER}${sources.push(source) - 1}${PLACEHOLDER}`;
      const { length } = pattern;
      let out = EMPTY;
      let index = 0;
      while (index < length) {
        const char = pattern[index];
        if (char === ESCAPE) {
          const escaped = pattern[index + 1];
          if (escaped === SLASH && index + 2 === length) {
            out += hold(NEVER_MATCH);
          } else if (escaped === "*" || escaped === "[" || escaped === SPACE) {
            out += pattern.slice(index, index + 2);
          } else {
            out += hold(
              REGEX_LITERAL_SPECIAL.test(escaped) ? ESCAPE + escaped : isReserved(escaped) ? `[${escaped}]` : escaped
            );
          }
          index += 2;
        } else if (isReserved(char)) {
          out += hold(`[${char}]`);
          index++;
        } else if (char === "[") {
          const scanned = scanBracket(pattern, index);
          if (scanned === null) {
            out += hold(NEVER_MATCH);
            index = length;
          } else {
            out += hold(scanned.source);
            index = scanned.end + 1;
          }
        } else {
          out += char;
          index++;
        }
      }
      return {
        source: out,
        sources
      };
    };
    var DIRECT = null;
    var REGEX_INNER_SLASH = /\/(?!$)/;
    var WILDCARD = "[^\\/]*";
    var REPLACERS = [
      // Replace (\ ) with ' '
      // Only a space: an escaped tab or other whitespace is already a literal by
      //   the time it reaches here, and a bare tab must be left as one, not turned
      //   into a space.
      // (\ ) -> ' '
      // (\\ ) -> '\\ '
      // (\\\ ) -> '\\ '
      [
        // A run of backslashes is taken whole, from its first one, so no match
        //   ever starts again inside it -- `(\\+?) ` did, which made a long run
        //   quadratic.
        /(\\+)( ?)/g,
        (_, run, space) => space ? run.slice(0, run.length - run.length % 2) + SPACE : run,
        ESCAPE + SPACE
      ],
      // git's wildmatch() reads a run of two or more asterisks as one globstar
      //   whenever the run fills a path segment: it starts the pattern or follows
      //   a `/`, and it ends the pattern or comes before a `/`. A run of two is
      //   already `**`; a longer one is folded into `**` here, so the steps
      //   below only ever have to know `**`.
      // `***/foo` -> `**/foo`, `a/***/b` -> `a/**/b`, `a/***` -> `a/**`
      // git also takes a run beside a literal prefix (`a***/b`) or beside an
      //   escaped slash (`***\/b`) as a globstar, and this does not; the README
      //   lists both, under "A run of asterisks".
      [
        /(^|\/)\*{3,}(?=\/|$)/g,
        (_, start) => `${start}**`,
        "*"
      ],
      // Escape metacharacters
      // which is written down by users but means special for regular expressions.
      // > There are 12 characters with special meanings:
      // > - the backslash \,
      // > - the caret ^,
      // > - the dollar sign $,
      // > - the period or dot .,
      // > - the vertical bar or pipe symbol |,
      // > - the question mark ?,
      // > - the asterisk or star *,
      // > - the plus sign +,
      // > - the opening parenthesis (,
      // > - the closing parenthesis ),
      // > - and the opening square bracket [,
      // > - the opening curly brace {,
      // > These special characters are often called "metacharacters".
      [
        /[\\$.|*+(){^]/g,
        (match) => `\\${match}`
      ],
      [
        // > a question mark (?) matches a single character
        /(?!\\)\?/g,
        () => "[^/]",
        "?"
      ],
      // leading slash
      [
        // > A leading slash matches the beginning of the pathname.
        // > For example, "/*.c" matches "cat-file.c" but not "mozilla-sha1/sha1.c".
        // A leading slash matches the beginning of the pathname
        /^\//,
        () => "^",
        SLASH
      ],
      // replace special metacharacter slash after the leading slash
      [
        /\//g,
        () => "\\/",
        SLASH
      ],
      [
        // > A leading "**" followed by a slash means match in all directories.
        // > For example, "**/foo" matches file or directory "foo" anywhere,
        // > the same as pattern "foo".
        // > "**/foo/bar" matches file or directory "bar" anywhere that is directly
        // >   under directory "foo".
        // Notice that the '*'s have been replaced as '\\*'
        /^\^*(?:\\\*\\\*\\\/)+/,
        // '**/foo' <-> 'foo'
        () => "(?:^|\\/)",
        "*"
      ],
      // starting
      [
        // there will be no leading '/'
        //   (which has been replaced by section "leading slash")
        // If starts with '**', adding a '^' to the regular expression also works
        DIRECT,
        (source, pattern) => {
          if (!source || source[0] === "^" || source[0] === "(") {
            return source;
          }
          const anchor = !REGEX_INNER_SLASH.test(pattern) ? "(?:^|\\/)" : "^";
          return anchor + source;
        }
      ],
      // two globstars
      [
        // Use lookahead assertions so that we could match more than one `'/**'`
        /\\\/\\\*\\\*(?=\\\/|$)/g,
        // Zero, one or several directories
        // should not use '*', or it will be replaced by the next replacer
        // Check if it is not the last `'/**'`
        (_, index, str) => index + 6 < str.length ? str.slice(index + 6) === "\\/" ? "(?:\\/[^\\/]+)+" : "(?:\\/[^\\/]+)*" : `\\/${TRAILING_DOUBLESTAR}`,
        "*"
      ],
      // normal intermediate wildcards
      [
        // Never replace escaped '*'
        // ignore rule '\*' will match the path '*'
        // 'abc.*/' -> go
        // 'abc.*'  -> skip this rule,
        //    coz trailing single wildcard will be handed by [trailing wildcard]
        /(^|[^\\])(?:\\\*)+(?!$)/g,
        // '*.js' matches '.js'
        // '*.js' doesn't match 'abc'
        // 1. An asterisk "*" matches anything except a slash.
        // 2. Other consecutive asterisks are considered regular asterisks
        //    and collapse into one non-slash wildcard run.
        (_, p1) => p1 + WILDCARD,
        "*"
      ],
      // trailing wildcard, held apart from a literal star
      [
        // The step above leaves a trailing `*` alone, so a single `\*` is all that
        //   can be left at the end here, and what stands in front of it says which
        //   kind it is. A wildcard arrives as the escaper wrote it, `\*` with
        //   nothing before it; a literal arrives as the user's own escape, which
        //   the escaper doubled, and then the star's own -- `\\` and then `\*`.
        //   There is no third case: every backslash still reaching the chain is
        //   one `\*`, `\[` or `\ ` carries itself, and each is followed by its
        //   own character, so a longer run can never form. This runs while the
        //   two are still distinct, before the unescape steps below collapse the
        //   literal onto the very `\*` a wildcard leaves behind.
        /(^|[^\\])((?:\\\\)*)\\\*$/,
        (match, p1, p2) => p2 === EMPTY ? p1 + TRAILING_WILDCARD : match,
        "*"
      ],
      [
        // unescape, revert step 3 except for back slash
        // For example, if a user escape a '\\*',
        // after step 3, the result will be '\\\\\\*'
        /\\\\\\(?=[$.|*+(){^])/g,
        () => ESCAPE,
        ESCAPE + ESCAPE
      ],
      [
        // '\\\\' -> '\\'
        /\\\\/g,
        () => ESCAPE,
        ESCAPE + ESCAPE
      ],
      [
        // Every real bracket expression -- POSIX classes included -- has already
        //   been held aside by `extractBrackets`, so the only `[` left in the
        //   pattern is an escaped, literal one.
        // A backslash could only stand at the end of the range if it quoted the
        //   `]`, and `\]` is held aside long before this.
        /\\\[([^\]/]*?)($|\])/g,
        // '\\[bar]' -> '\\\\[bar]'
        (match, range, close) => `\\[${range}${close}`,
        "["
      ],
      // ending
      [
        // 'js' will not match 'js.'
        // 'ab' will not match 'abc'
        DIRECT,
        // WTF!
        // https://git-scm.com/docs/gitignore
        // changes in [2.22.1](https://git-scm.com/docs/gitignore/2.22.1)
        // which re-fixes #24, #38
        // > If there is a separator at the end of the pattern then the pattern
        // > will only match directories, otherwise the pattern can match both
        // > files and directories.
        // 'js*' will not match 'a.js'
        // 'js/' will not match 'a.js'
        // 'js' will match 'a.js' and 'a.js/'
        (source) => {
          const last = source[source.length - 1];
          if (!last || last === TRAILING_WILDCARD || last === TRAILING_DOUBLESTAR) {
            return source;
          }
          return last === SLASH ? `${source}$` : `${source}(?=$|\\/$)`;
        }
      ]
    ];
    var REGEX_REPLACE_TRAILING_WILDCARD = /(^|\\\/)?\uE000$/;
    var MODE_IGNORE = "regex";
    var MODE_CHECK_IGNORE = "checkRegex";
    var UNDERSCORE = "_";
    var replaceTrailingWildcard = (_, p1) => {
      const prefix = p1 ? `${p1}[^/]+` : "[^/]*";
      return `${prefix}(?=$|\\/$)`;
    };
    var REGEX_REPLACE_TRAILING_DOUBLESTAR = /\uE001$/;
    var replaceTrailingDoublestar = () => "[\\s\\S]";
    var separatorAfter = (run, at2) => {
      let separator = EMPTY;
      for (let index = at2 + 1; index < run.length && !run[index].wildcard; index++) {
        separator += run[index].single;
      }
      return separator;
    };
    var pinWildcards = (source) => {
      if (source.indexOf(WILDCARD) < 0) {
        return source;
      }
      const tokens = [];
      const { length } = source;
      let index = 0;
      while (index < length) {
        const char = source[index];
        if (source.startsWith(WILDCARD, index)) {
          tokens.push({ wildcard: true });
          index += WILDCARD.length;
        } else if (char === "[") {
          let end = index + 1;
          if (source[end] === "^") {
            end++;
          }
          if (source[end] === "]") {
            end++;
          }
          while (end < length && source[end] !== "]") {
            end += source[end] === ESCAPE ? 2 : 1;
          }
          end++;
          tokens.push({ single: source.slice(index, end) });
          index = end;
        } else if (char === ESCAPE) {
          tokens.push({ single: source.slice(index, index + 2) });
          index += 2;
        } else if (char === "(") {
          let depth = 0;
          let end = index;
          do {
            if (source[end] === ESCAPE) {
              end++;
            } else if (source[end] === "(") {
              depth++;
            } else if (source[end] === ")") {
              depth--;
            }
            end++;
          } while (end < length && depth > 0);
          if ("*+?".indexOf(source[end]) >= 0) {
            end++;
          }
          tokens.push({ boundary: source.slice(index, end) });
          index = end;
        } else if (char === "^" || char === "$") {
          tokens.push({ boundary: char });
          index++;
        } else {
          tokens.push({ single: char });
          index++;
        }
      }
      let out = EMPTY;
      let run = [];
      const flush = () => {
        let lastWildcard;
        run.forEach((token, at2) => {
          if (token.wildcard) {
            lastWildcard = at2;
          }
        });
        run.forEach((token, at2) => {
          if (!token.wildcard) {
            out += token.single;
            return;
          }
          out += at2 === lastWildcard ? WILDCARD : `(?:(?!${separatorAfter(run, at2)})[^\\/])*`;
        });
        run = [];
      };
      tokens.forEach((token) => {
        if (token.boundary === void 0) {
          run.push(token);
          return;
        }
        flush();
        out += token.boundary;
      });
      flush();
      return out;
    };
    var makeRegexPrefix = (pattern) => {
      if (REGEX_ANCHORED_GLOBSTAR.test(pattern)) {
        pattern = "**";
      }
      const { source, sources } = extractBrackets(pattern);
      const replaced = REPLACERS.reduce(
        // A pass whose matcher finds nothing hands back the very string it was
        //   given, so asking first costs a search and saves a rewrite. Ten of the
        //   fifteen passes never fire for a typical .gitignore line, and between
        //   them they were 45% of this chain.
        (prev, [matcher, replacer, required]) => {
          if (matcher === DIRECT) {
            return replacer(prev, pattern);
          }
          if (required !== UNDEFINED && prev.indexOf(required) < 0) {
            return prev;
          }
          return matcher.test(prev) ? prev.replace(matcher, replacer.bind(pattern)) : prev;
        },
        source
      );
      return sources.length ? replaced.replace(
        REGEX_RESTORE_PLACEHOLDER,
        (match, index) => sources[index]
      ) : replaced;
    };
    var checkSourceOf = (body, prefix) => {
      if (body[body.length - 1] === SLASH) {
        prefix = makeRegexPrefix(body.slice(0, -1));
      }
      const head = prefix.slice(0, -1);
      const last = prefix[prefix.length - 1];
      return last === TRAILING_WILDCARD ? `${head}$` : last === TRAILING_DOUBLESTAR ? head : NEVER_MATCH;
    };
    var matchesBasename = (body) => {
      const index = body.indexOf(SLASH);
      return index < 0 || index === body.length - 1;
    };
    var basenameOf = (path) => {
      const end = path.length - 1;
      const index = path.lastIndexOf(
        SLASH,
        path[end] === SLASH ? end - 1 : end
      );
      return index < 0 ? path : path.slice(index + 1);
    };
    var parentOf = (path) => {
      if (path.charCodeAt(0) === SLASH_CODE || path.indexOf(DOUBLE_SLASH) >= 0) {
        const slices = path.split(SLASH).filter(Boolean);
        slices.pop();
        return slices.length ? slices.join(SLASH) + SLASH : EMPTY;
      }
      const end = path.length - 1;
      const cut = path.lastIndexOf(
        SLASH,
        path.charCodeAt(end) === SLASH_CODE ? end - 1 : end
      );
      return cut < 0 ? EMPTY : path.slice(0, cut + 1);
    };
    var isString = (subject) => typeof subject === "string";
    var checkPattern = (pattern) => pattern && isString(pattern);
    var splitPattern = (pattern) => (pattern[pattern.length - 1] === "\r" ? pattern.slice(0, -1) : pattern).split(REGEX_SPLITALL_CRLF).filter(Boolean);
    var IgnoreRule = class {
      constructor(pattern, mark, body, ignoreCase, negative, prefix) {
        this.pattern = pattern;
        this.mark = mark;
        this.negative = negative;
        define(this, "body", body);
        define(this, "ignoreCase", ignoreCase);
        define(this, "regexPrefix", prefix);
      }
      // Worked out on first use and kept behind an own property, the way `regex`
      //   caches itself in `_regex`. Deciding it in the constructor instead would
      //   add a fourth `defineProperty` to every rule ever built, which cost 4% of
      //   every compile -- including the compiles of rules that are never matched
      //   against anything.
      get _basenameOnly() {
        return define(this, "_basenameOnly", matchesBasename(this.body));
      }
      get regex() {
        const key = UNDERSCORE + MODE_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_IGNORE, key);
      }
      get checkRegex() {
        const key = UNDERSCORE + MODE_CHECK_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_CHECK_IGNORE, key);
      }
      _make(mode, key) {
        const str = pinWildcards(
          mode === MODE_IGNORE ? this.regexPrefix.replace(REGEX_REPLACE_TRAILING_WILDCARD, replaceTrailingWildcard).replace(REGEX_REPLACE_TRAILING_DOUBLESTAR, replaceTrailingDoublestar) : checkSourceOf(this.body, this.regexPrefix)
        );
        const regex = this.ignoreCase ? new RegExp(str, "i") : new RegExp(str);
        return define(this, key, regex);
      }
    };
    var hasTrailingBackslash = (str) => {
      let count = 0;
      while (str[str.length - count - 1] === ESCAPE) {
        count++;
      }
      return count % 2 === 1;
    };
    var trimEnd = (body, stripLineEnd) => {
      let lineEnd = body.length;
      let end;
      for (; ; ) {
        if (stripLineEnd && body[lineEnd - 1] === "\r") {
          lineEnd--;
        }
        end = lineEnd;
        while (body[end - 1] === SPACE) {
          end--;
        }
        if (!stripLineEnd || body[end - 1] !== "\n") {
          break;
        }
        lineEnd = end - 1;
      }
      if (end === lineEnd) {
        return body.slice(0, lineEnd);
      }
      let backslashes = 0;
      while (body[end - backslashes - 1] === ESCAPE) {
        backslashes++;
      }
      return backslashes % 2 ? body.slice(0, end - 1) + SPACE : body.slice(0, end);
    };
    var createRule = (pattern, mark, ignoreCase, stripLineEnd, stripBOM) => {
      let body = stripBOM && pattern[0] === BOM ? pattern.slice(1) : pattern;
      if (body[0] === "#") {
        return;
      }
      let negative = false;
      if (body[0] === "!") {
        negative = true;
        body = body.slice(1);
      }
      const last = body[body.length - 1];
      if (last === SPACE || stripLineEnd && (last === "\r" || last === "\n")) {
        body = trimEnd(body, stripLineEnd);
      }
      if (!body || hasTrailingBackslash(body)) {
        return;
      }
      body = body.replace(REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION, "!").replace(REGEX_REPLACE_LEADING_EXCAPED_HASH, "#");
      const regexPrefix = makeRegexPrefix(body);
      return new IgnoreRule(
        pattern,
        mark,
        body,
        ignoreCase,
        negative,
        regexPrefix
      );
    };
    var RuleManager = class {
      constructor(ignoreCase) {
        this._ignoreCase = ignoreCase;
        this._rules = [];
        this._basenameCount = 0;
      }
      _add(pattern, index) {
        if (pattern && pattern[KEY_IGNORE]) {
          this._rules = this._rules.concat(pattern._rules._rules);
          this._basenameCount += pattern._rules._basenameCount;
          this._added = true;
          return;
        }
        const isStr = isString(pattern);
        const raw = isStr ? pattern : pattern.pattern;
        const rule = checkPattern(raw) && createRule(
          raw,
          isStr ? UNDEFINED : pattern.mark,
          this._ignoreCase,
          !this._split,
          this._stripBOM && !index
        );
        if (rule) {
          this._added = true;
          this._rules.push(rule);
          if (matchesBasename(rule.body)) {
            this._basenameCount++;
          }
        }
      }
      // @param {Array<string> | string | Ignore} pattern
      add(pattern) {
        this._added = false;
        this._split = isString(pattern);
        this._stripBOM = !this._split || pattern[0] === BOM;
        makeArray(
          this._split ? splitPattern(pattern) : pattern
        ).forEach(this._add, this);
        if (this._added) {
          this._literalRules = UNDEFINED;
        }
        return this._added;
      }
      // Match the literal 'abc/' for `checkIgnore`, last rule wins. Only a rule
      //   ending in a wildcard can match it (see `checkSourceOf`), so the rest
      //   are left out once, rather than tested or compiled for every path.
      testLiteral(path) {
        const rules = this._literalRules || (this._literalRules = this._rules.filter(
          ({ body }) => body[body.length - (body[body.length - 1] === SLASH ? 2 : 1)] === "*"
        ));
        let ignored = false;
        let unignored = false;
        let matchedRule;
        for (let index = rules.length - 1; index >= 0; index--) {
          const rule = rules[index];
          if (rule.checkRegex.test(path)) {
            ignored = !rule.negative;
            unignored = rule.negative;
            matchedRule = rule.negative ? UNDEFINED : rule;
            break;
          }
        }
        const ret = {
          ignored,
          unignored
        };
        if (matchedRule) {
          ret.rule = matchedRule;
        }
        return ret;
      }
      // Test one single path without recursively checking parent directories
      //
      // - mode `string` either `MODE_IGNORE` or `MODE_CHECK_IGNORE`
      // @returns {TestResult}
      test(path, mode) {
        const rules = this._rules;
        const { length } = rules;
        const shortcut = this._basenameCount * 2 >= length;
        const basename2 = shortcut ? basenameOf(path) : path;
        for (let index = length - 1; index >= 0; index--) {
          const rule = rules[index];
          if (rule[mode].test(
            shortcut && rule._basenameOnly ? basename2 : path
          )) {
            const { negative } = rule;
            const ret = {
              ignored: !negative,
              unignored: negative
            };
            if (!negative) {
              ret.rule = rule;
            }
            return ret;
          }
        }
        return {
          ignored: false,
          unignored: false
        };
      }
    };
    var throwError = (message, Ctor) => {
      throw new Ctor(message);
    };
    var checkPath = (path, originalPath, doThrow) => {
      if (!isString(path)) {
        return doThrow(
          `path must be a string, but got \`${originalPath}\``,
          TypeError
        );
      }
      if (!path) {
        return doThrow(`path must not be empty`, TypeError);
      }
      if (checkPath.isNotRelative(path)) {
        const r = "`path.relative()`d";
        return doThrow(
          `path should be a ${r} string, but got "${originalPath}"`,
          RangeError
        );
      }
      return true;
    };
    var isNotRelative = (path) => {
      const first = path.charCodeAt(0);
      if (first === SLASH_CODE) {
        return true;
      }
      if (first !== DOT_CODE) {
        return false;
      }
      if (path.length === 1) {
        return true;
      }
      const second = path.charCodeAt(1);
      if (second === SLASH_CODE) {
        return true;
      }
      if (second !== DOT_CODE) {
        return false;
      }
      return path.length === 2 || path.charCodeAt(2) === SLASH_CODE;
    };
    checkPath.isNotRelative = isNotRelative;
    checkPath.convert = (p) => p;
    var convertPath = (target) => isString(target) && checkPath.convert(target);
    var Ignore = class {
      constructor({
        ignorecase = true,
        ignoreCase = ignorecase,
        allowRelativePaths = false
      } = {}) {
        define(this, KEY_IGNORE, true);
        this._rules = new RuleManager(ignoreCase);
        this._strictPathCheck = !allowRelativePaths;
        this._initCache();
      }
      _initCache() {
        this._ignoreCache = /* @__PURE__ */ Object.create(null);
        this._testCache = /* @__PURE__ */ Object.create(null);
      }
      add(pattern) {
        if (this._rules.add(pattern)) {
          this._initCache();
        }
        return this;
      }
      // legacy
      addPattern(pattern) {
        return this.add(pattern);
      }
      // @returns {TestResult}
      _test(originalPath, cache, path) {
        checkPath(
          path,
          originalPath,
          this._strictPathCheck ? throwError : RETURN_FALSE
        );
        return path ? this._t(path, cache) : {
          ignored: false,
          unignored: false
        };
      }
      checkIgnore(target) {
        const path = convertPath(target);
        if (!path || path.charCodeAt(path.length - 1) !== SLASH_CODE) {
          return this._test(target, this._testCache, path);
        }
        const dir = this._t(path, this._testCache);
        if (dir.ignored) {
          return dir;
        }
        const literal2 = this._rules.testLiteral(path);
        return literal2.ignored || literal2.unignored ? literal2 : dir;
      }
      _t(path, cache) {
        const cached = cache[path];
        if (cached) {
          return cached;
        }
        const parentPath = parentOf(path);
        const parent = parentPath ? this._t(parentPath, cache) : UNDEFINED;
        return cache[path] = parent && parent.ignored ? parent : this._rules.test(path, MODE_IGNORE);
      }
      ignores(path) {
        return this._test(path, this._ignoreCache, convertPath(path)).ignored;
      }
      createFilter() {
        return (path) => !this.ignores(path);
      }
      filter(paths) {
        return makeArray(paths).filter(this.createFilter());
      }
      // @returns {TestResult}
      test(path) {
        return this._test(path, this._testCache, convertPath(path));
      }
    };
    var factory = (options) => new Ignore(options);
    var isPathValid = (path) => checkPath(convertPath(path), path, RETURN_FALSE);
    var setupWindows = () => {
      const makePosix = (str) => /^\\\\\?\\/.test(str) || /["<>|\u0000-\u001F]+/u.test(str) ? str : str.replace(/\\/g, "/");
      checkPath.convert = makePosix;
      const REGEX_TEST_WINDOWS_PATH_ABSOLUTE = /^[a-z]:\//i;
      checkPath.isNotRelative = (path) => REGEX_TEST_WINDOWS_PATH_ABSOLUTE.test(path) || isNotRelative(path);
    };
    if (
      // Detect `process` so that it can run in browsers.
      typeof process !== "undefined" && process.platform === "win32"
    ) {
      setupWindows();
    }
    module.exports = factory;
    factory.default = factory;
    module.exports.isPathValid = isPathValid;
    define(module.exports, /* @__PURE__ */ Symbol.for("setupWindows"), setupWindows);
  }
});

// core/pipeline/load.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { basename, dirname, join as join2, posix as posix5, relative as relative2, resolve as resolve2 } from "node:path";

// core/pipeline/checks.ts
import { posix } from "node:path";
function checkParams(checks, stages, readParams, source) {
  const outs = new Set(stages.flatMap((stage) => stage.outs.map((out) => out.path)));
  const written = (file) => {
    for (let path = file; path !== "." && path !== "/" && path !== ""; path = posix.dirname(path))
      if (outs.has(path)) return true;
    return outs.has(".");
  };
  const errors = [];
  for (const { ref, field } of checks) {
    if (written(ref.file)) continue;
    try {
      checkParam(ref, readParams, source, field);
    } catch (error) {
      if (!(error instanceof Cd4mlError)) throw error;
      errors.push(error);
    }
  }
  return errors;
}
function checkParam(ref, readParams, source, field) {
  const data = readParams(ref.file);
  if (data === void 0) {
    throw source.error(
      "E_PARAMS",
      field,
      `params file '${ref.file}' does not exist`,
      `create ${ref.file}, or remove it from the stage's params`
    );
  }
  if (ref.key === void 0 || lookup(isRecord(data) ? data : {}, ref.key).found) return;
  const known = paramKeys(data);
  const suggestion = suggest(ref.key, known);
  throw source.error(
    "E_PARAMS",
    field,
    `param '${clip(ref.key)}' is not in ${ref.file}`,
    suggestion ? `did you mean '${suggestion}'?` : `add it to ${ref.file}${known.length > 0 ? ` (it has ${known.slice(0, 5).join(", ")}${known.length > 5 ? ", \u2026" : ""})` : ""}`
  );
}
function paramKeys(data, prefix = "", out = []) {
  if (!isRecord(data) || out.length > 1e4) return out;
  for (const [key, value] of Object.entries(data)) {
    const name = prefix ? `${prefix}.${key}` : key;
    out.push(name);
    paramKeys(value, name, out);
  }
  return out;
}
function checkDepsAndOuts(name, deps, outs, source, path) {
  const errors = [];
  for (const [i, depPath] of deps.entries()) {
    const out = outs.find((o) => o.path === depPath || isInside(depPath, o.path));
    if (!out) continue;
    errors.push(
      source.error(
        "E_SPEC",
        [...path, "deps", i],
        out.path === depPath ? `'${depPath}' is both a dep and an out of stage '${name}'` : `dep '${depPath}' of stage '${name}' is inside its out '${out.path}'`,
        "a stage cannot read what it writes (its outs are removed before it runs): write to a new path, or drop the dep"
      )
    );
  }
  if (errors.length > 0) throw new Cd4mlAggregateError(errors);
}
function isInside(path, dir) {
  return dir === "." ? path !== "." : path.startsWith(`${dir}/`);
}
function unique(errors) {
  const seen = /* @__PURE__ */ new Set();
  return errors.filter((e) => !seen.has(e.message) && Boolean(seen.add(e.message)));
}
function checkOutOwners(pipeline) {
  const owners = /* @__PURE__ */ new Map();
  const errors = [];
  const lineOf = (owner, of) => {
    const place = pinpoint(owner.stage.outLocations[owner.index] ?? owner.stage.location);
    const line = place.line ?? "?";
    return place.file === of.location.file ? `line ${line}` : `${place.file}:${line}`;
  };
  for (const stage of pipeline.stages) {
    for (const [index, out] of stage.outs.entries()) {
      const location = () => pinpoint(stage.outLocations[index] ?? stage.location);
      const previous = owners.get(out.path);
      if (previous) {
        errors.push(
          new Cd4mlError(
            "E_SPEC",
            `out '${out.path}' of stage '${stage.name}' is already an out of stage '${previous.stage.name}' (${lineOf(previous, stage)})`,
            {
              location: location(),
              hint: "each file is written by one stage: rename one of the outs"
            }
          )
        );
        continue;
      }
      owners.set(out.path, { stage, index });
    }
  }
  for (const [path, owner] of owners) {
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      const outer = owners.get(dir);
      if (outer && outer !== owner) {
        errors.push(
          new Cd4mlError(
            "E_SPEC",
            `out '${path}' of stage '${owner.stage.name}' is inside out '${dir}' of stage '${outer.stage.name}' (${lineOf(outer, owner.stage)})`,
            {
              location: pinpoint(owner.stage.outLocations[owner.index] ?? owner.stage.location),
              hint: "outs may not overlap: write the file outside that directory, or make one stage write both"
            }
          )
        );
        break;
      }
      if (dir === "." || dir === "/" || dir === "") break;
    }
  }
  if (errors.length > 0) throw new Cd4mlAggregateError(errors);
}

// core/pipeline/collect.ts
var import_ignore = __toESM(require_ignore(), 1);
import { readdirSync, readFileSync } from "node:fs";
import { join, posix as posix2 } from "node:path";
var SKIPPED = /* @__PURE__ */ new Set([".git", ".dvc", ".cd4ml", "node_modules"]);
function collectDvcFiles(root, rootOuts, outsOf, dirs) {
  const outs = new Set(rootOuts);
  const found = [];
  const walk = (dir, rules) => {
    dirs.push(join(root, dir));
    const entries = readdirSync(join(root, dir), { withFileTypes: true });
    const here = ignoreRules(root, dir, entries);
    const active = here ? [...rules, here] : rules;
    const ignored = (rel, isDir) => active.some(
      ({ base, ig }) => ig.ignores(posix2.relative(base || ".", rel) + (isDir ? "/" : ""))
    );
    if (dir !== "" && entries.some((e) => e.isFile() && e.name === "dvc.yaml")) {
      const file = posix2.join(dir, "dvc.yaml");
      if (!ignored(file, false)) {
        found.push(file);
        for (const out of outsOf(file)) outs.add(out);
      }
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || SKIPPED.has(entry.name)) continue;
      const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (!outs.has(rel) && !ignored(rel, true)) walk(rel, active);
    }
  };
  walk("", []);
  return found;
}
function ignoreRules(root, dir, entries) {
  const files = entries.filter(
    (e) => e.isFile() && (e.name === ".gitignore" || e.name === ".dvcignore")
  );
  if (files.length === 0) return void 0;
  const ig = (0, import_ignore.default)();
  for (const file of files) ig.add(readFileSync(join(root, dir, file.name), "utf8"));
  return { base: dir, ig };
}

// core/pipeline/context.ts
import { posix as posix3 } from "node:path";
function buildContext(vars, opts, base = "") {
  const ctx = {
    data: {},
    origins: /* @__PURE__ */ new Map(),
    imports: /* @__PURE__ */ new Map(),
    reserved: /* @__PURE__ */ new Set()
  };
  const where = { ...opts, wdir: base, path: ["vars"] };
  const params = posix3.join(base || ".", DEFAULT_PARAMS_FILE);
  if (opts.readParams(params) !== void 0) mergeFile(ctx, DEFAULT_PARAMS_FILE, where, void 0);
  loadVars(ctx, vars, where);
  return ctx;
}
function cloneContext(ctx, extra = {}, reserve = false) {
  const data = copyMappings({ ...ctx.data, ...extra });
  return {
    data,
    origins: new Map(ctx.origins),
    imports: new Map([...ctx.imports].map(([k, v]) => [k, v && [...v]])),
    reserved: /* @__PURE__ */ new Set([...ctx.reserved, ...reserve ? Object.keys(extra) : []])
  };
}
function loadVars(ctx, vars, opts) {
  for (const [i, entry] of vars.entries()) {
    const at2 = [...opts.path, i];
    if (JSON.stringify(entry).includes("${"))
      throw opts.source.error(
        "E_SPEC",
        at2,
        "interpolating is not allowed in vars",
        "vars are what ${...} reads: write the value, or the file name, as it is"
      );
    if (typeof entry !== "string") {
      const origin = `${opts.stageName ? `${opts.stageName}.` : ""}vars[${i}]`;
      mergeInto(ctx, entry, origin, opts, at2);
      continue;
    }
    const colon = entry.indexOf(":");
    const file = colon === -1 ? entry : entry.slice(0, colon);
    const keys = colon === -1 ? void 0 : entry.slice(colon + 1).split(",").map((key) => key.trim()).filter(Boolean);
    mergeFile(ctx, file, { ...opts, path: at2 }, keys && keys.length > 0 ? keys : void 0);
  }
}
function mergeFile(ctx, file, opts, keys) {
  const { source, path } = opts;
  const rel = posix3.normalize(posix3.join(opts.wdir || ".", file));
  const loaded = ctx.imports.get(rel);
  if (loaded !== void 0) {
    if (!keys && loaded === null) return;
    const partly = loaded !== null && (!keys || keys.some((key) => loaded.includes(key)));
    if (partly || keys && loaded === null)
      throw source.error(
        "E_SPEC",
        path,
        partly ? `cannot load '${file}' as it is partially loaded already` : `cannot partially load '${file}' as it is already loaded`,
        "name each file once in vars (or select disjoint keys)"
      );
  }
  const data = opts.readParams(rel);
  if (data === void 0)
    throw source.error(
      "E_SPEC",
      path,
      `vars file '${rel}' does not exist`,
      `create ${rel} or remove it from vars`
    );
  if (!isRecord(data)) throw source.error("E_SPEC", path, `vars file '${rel}' must hold a mapping`);
  let selected = data;
  if (keys) {
    const missing = keys.find((key) => !Object.hasOwn(data, key));
    if (missing !== void 0)
      throw source.error(
        "E_SPEC",
        path,
        `could not find '${missing}' in '${rel}'`,
        `the keys of ${rel} are ${Object.keys(data).slice(0, 8).join(", ") || "(none)"}`
      );
    selected = Object.fromEntries(keys.map((key) => [key, data[key]]));
  }
  mergeInto(ctx, selected, rel, opts, path);
  ctx.imports.set(rel, keys ? [...ctx.imports.get(rel) ?? [], ...keys] : null);
}
function mergeInto(ctx, update, origin, { source }, at2) {
  const reserved = Object.keys(update).filter((key) => ctx.reserved.has(key));
  if (reserved.length > 0)
    throw source.error(
      "E_SPEC",
      at2,
      `attempted to modify reserved key${reserved.length > 1 ? "s" : ""} ${reserved.map((k) => `'${k}'`).join(", ")}`,
      "item and key are set by foreach/matrix: name the variable differently"
    );
  const walk = (into, from, prefix) => {
    for (const [key, value] of Object.entries(from)) {
      const name = prefix ? `${prefix}.${key}` : key;
      const existing = into[key];
      if (isRecord(existing) && isRecord(value)) walk(existing, value, name);
      else if (Object.hasOwn(into, key))
        throw source.error(
          "E_SPEC",
          at2,
          `cannot redefine '${name}' from '${origin}' as it already exists in '${originOf(ctx, name)}'`,
          "each variable is defined once: rename one, or drop it from one of the files (DVC merges vars, it does not override)"
        );
      else {
        into[key] = copyMappings(value);
        ctx.origins.set(name, origin);
      }
    }
  };
  walk(ctx.data, update, "");
}
function originOf(ctx, name) {
  for (let at2 = name; ; at2 = at2.slice(0, at2.lastIndexOf("."))) {
    const origin = ctx.origins.get(at2);
    if (origin !== void 0) return origin;
    if (!at2.includes(".")) return "<local>";
  }
}
function copyMappings(value) {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyMappings(v)]));
}
function trackedParams(fields, ctx) {
  const refs = /* @__PURE__ */ new Map();
  for (const match of JSON.stringify(fields).matchAll(/(\\\\)?\$\{\s*([^}|]*?)\s*(\|[^}]*)?\}/g)) {
    if (match[1]) continue;
    const key = (match[2] ?? "").replaceAll("[", ".").replaceAll("]", "");
    const { found, value } = lookup(ctx.data, key);
    const file = found ? originOf(ctx, key) : void 0;
    if (file === void 0 || !ctx.imports.has(file)) continue;
    const keys = isRecord(value) ? Object.keys(flattenLeaves(value, key)) : [key];
    for (const k of keys) refs.set(`${file}\0${k}`, { file, key: k });
  }
  return [...refs.values()];
}
function flattenLeaves(value, prefix, out = {}) {
  if (isRecord(value))
    for (const [k, v] of Object.entries(value)) flattenLeaves(v, `${prefix}.${k}`, out);
  else out[prefix] = true;
  return out;
}

// core/pipeline/normalise.ts
import { isAbsolute, posix as posix4, relative, resolve, sep } from "node:path";

// core/pipeline/validate-value.ts
function checkWhole(before, after, key, at2, onError) {
  const walk = (b, a, where) => {
    if (typeof b === "string") {
      if (b.includes("${") && a !== b && typeof a === "object" && a !== null && !(a instanceof PyFloat)) {
        if (key === "cmd" && isRecord(a)) return;
        onError(
          where,
          new InterpolationError(
            `cannot interpolate data of type '${Array.isArray(a) ? "list" : "dict"}' into ${key}`,
            b
          )
        );
      }
      return;
    }
    if (Array.isArray(b) && Array.isArray(a))
      b.forEach((item, i) => walk(item, a[i], [...where, i]));
    else if (isRecord(b) && isRecord(a)) {
      const values = Object.values(a);
      Object.values(b).forEach((item, i) => walk(item, values[i], where));
    }
  };
  walk(before, after, at2);
}

// core/pipeline/check-schema.ts
var FILE_CHECKS = ["min_rows", "max_null_rate"];
var COLUMN_CHECKS = ["type", "min", "max", "allowed", "unique"];
var CheckType = _enum(["integer", "number", "boolean", "date", "string"]);
var Scalar = union([string(), number(), boolean()]);
var StageCheckDef = strictObject({
  data: string().check(
    _minLength(1, "must be a non-empty path"),
    describe(
      "One of this stage's outs (CSV, TSV, JSON Lines or Parquet), or a file inside a directory out, relative to wdir."
    )
  ),
  column: optional(string().check(_minLength(1))).check(describe("The column checked (for max_null_rate: default every column).")),
  min_rows: optional(int().check(_nonnegative())).check(describe("The file must have at least this many rows.")),
  max_null_rate: optional(number().check(_gte(0), _lte(1))).check(describe("Largest allowed share of empty values, 0 to 1.")),
  type: optional(CheckType).check(
    describe("Every non-empty value must be of this type (an integer is also a number).")
  ),
  min: optional(number()).check(describe("Every non-empty value must be a number at least this.")),
  max: optional(number()).check(describe("Every non-empty value must be a number at most this.")),
  allowed: optional(array(Scalar).check(_minLength(1))).check(describe("Every non-empty value must be one of these.")),
  unique: optional(literal(true)).check(describe("No non-empty value may appear twice."))
}).check(superRefine(checkShape));
function checkShape(check, ctx) {
  const has = (keys) => keys.filter((k) => check[k] !== void 0);
  const all = [...FILE_CHECKS, ...COLUMN_CHECKS];
  if (has(all).length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["data"],
      message: `check on "${check.data}" tests nothing: add one of ${all.join(", ")}`
    });
    return;
  }
  const needColumn = has(COLUMN_CHECKS);
  if (needColumn.length > 0 && check.column === void 0)
    ctx.addIssue({
      code: "custom",
      path: [needColumn[0]],
      message: `${needColumn[0]} checks one column: add \`column: <name>\``
    });
  if (check.min !== void 0 && check.max !== void 0 && check.min > check.max)
    ctx.addIssue({ code: "custom", path: ["max"], message: `max is below min (${check.min})` });
}

// core/pipeline/schema.ts
var Path = string().check(_minLength(1, "must be a non-empty path"));
var OutFlags = strictObject({
  cache: optional(boolean()).check(describe("Store this out in the cache (default true; metrics default false).")),
  persist: optional(boolean()).check(describe("Keep the out in place before the stage runs (default false).")),
  // DVC's annotations and remote settings: accepted, kept out of cd4ml's behaviour.
  desc: optional(string()),
  type: optional(string()),
  labels: optional(array(string())),
  meta: optional(unknown()),
  remote: optional(string()),
  push: optional(boolean()),
  checkpoint: optional(boolean())
});
var OutEntry = union([Path, record(Path, nullable(OutFlags))]);
var ParamsEntry = union([
  string().check(_minLength(1)),
  record(Path, nullable(array(string())))
]);
var PlotEntry = union([Path, record(string(), unknown())]);
var Cmd = union([
  string().check(_minLength(1, "must not be empty")),
  array(string().check(_minLength(1))).check(_minLength(1, "must list at least one command"))
]);
var Duration = union([
  number().check(_positive()),
  string().check(
    _regex(
      /^\d+(\.\d+)?\s*(ms|s|m|h)$/,
      "must be a number of seconds or a duration like 90s, 15m, 2h"
    )
  )
]);
var VarsEntry = union([string(), record(string(), unknown())]);
var VarsList = array(VarsEntry);
var stageFields = {
  cmd: Cmd.check(describe("Shell command(s) the stage runs, from `wdir`.")),
  wdir: optional(string()).check(describe("Directory the command runs in, relative to the pipeline file.")),
  deps: optional(array(Path)).check(describe("Files or directories the stage reads.")),
  params: optional(array(ParamsEntry)).check(describe("Parameter keys the stage depends on.")),
  outs: optional(array(OutEntry)).check(describe("Files or directories the stage writes.")),
  metrics: optional(array(OutEntry)).check(describe("Metrics files (JSON or YAML) the stage writes.")),
  plots: optional(array(PlotEntry)),
  frozen: optional(boolean()).check(describe("Never run this stage; use its outs as they are.")),
  always_changed: optional(boolean()).check(describe("Run this stage every time.")),
  desc: optional(string()),
  meta: optional(unknown()),
  vars: optional(array(VarsEntry)).check(
    describe("This stage's own vars, merged into the pipeline's (files relative to wdir).")
  ),
  retries: optional(number().check(int(), _gte(0), _lte(10))).check(describe("cd4ml: how many times to retry a failed run.")),
  timeout: optional(Duration).check(describe("cd4ml: kill the stage (and its process tree) after this long.")),
  env: optional(record(string(), union([string(), number(), boolean()]))).check(describe("cd4ml: extra environment variables.")),
  checks: optional(array(StageCheckDef)).check(
    describe(
      "cd4ml: checks on the tabular outs after the command (min_rows, max_null_rate, type, min, max, allowed, unique); a failing check fails the stage."
    )
  ),
  "runs-on": optional(union([string(), array(string())])).check(
    describe("cd4ml: GitHub Actions runner labels for this stage when compiled to a workflow.")
  )
};
var StageDef = strictObject(stageFields);
var DoDef = strictObject(stageFields);
var ForeachStageDef = strictObject({
  foreach: union([
    array(unknown()).check(_minLength(1)),
    record(string(), unknown()).check(nonEmpty("list at least one item")),
    string()
  ]),
  do: DoDef
});
function nonEmpty(what) {
  return refine((value) => Object.keys(value).length > 0, `must ${what}`);
}
var ForeachShape = strictObject({
  foreach: ForeachStageDef.shape.foreach,
  do: record(string(), unknown())
});
var MatrixStageDef = strictObject({
  matrix: record(string(), union([array(unknown()).check(_minLength(1)), string()])).check(nonEmpty("name at least one axis, e.g. `matrix: { model: [a, b] }`")),
  ...stageFields
});
var topFields = {
  $schema: optional(string()),
  vars: optional(array(VarsEntry)).check(describe("Params files or inline values available to ${...} interpolation.")),
  model: optional(Path).check(describe("cd4ml: the deployable ONNX model file the pipeline produces.")),
  predictions: optional(
    union([
      Path,
      strictObject({
        file: Path.check(describe("The predictions CSV, relative to the pipeline file.")),
        slices: _default(array(string().check(_minLength(1))), []).check(
          describe(
            "Columns of the predictions CSV whose values are slices (region, device): compare computes each metric per slice value."
          )
        )
      })
    ])
  ).check(
    describe(
      "cd4ml: per-example predictions CSV (id,label,prediction[,score] and any slice columns) for significance tests; a path, or { file, slices }."
    )
  ),
  stats: optional(array(Path)).check(describe("cd4ml: dataset statistics files (JSON/YAML) shown in the PR report.")),
  environment: optional(
    strictObject({
      files: optional(array(Path)).check(
        describe(
          "Files that define the environment (conda.yaml, requirements.txt, a lockfile); their hashes go in the run record."
        )
      ),
      image: optional(string().check(_minLength(1))).check(
        describe(
          "The container image the stages run in; pin it by digest (name@sha256:\u2026) so reproduce can compare it."
        )
      )
    })
  ).check(
    describe(
      "cd4ml: what defines the environment (MLproject conda_env / docker_env); a reproduction of a run compares it."
    )
  ),
  metrics: optional(array(Path)),
  plots: optional(array(PlotEntry)),
  params: optional(array(Path)),
  artifacts: optional(record(string(), unknown())),
  datasets: optional(unknown())
};
var StageName = string().check(
  _regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    "stage names use ASCII letters, digits, _, - and . only (no spaces), and start with a letter, digit or _"
  )
);
var PipelineTop = strictObject({
  ...topFields,
  stages: record(
    StageName,
    record(string(), unknown()),
    "must be a mapping of stage name \u2192 stage"
  )
});
var PipelineFile = strictObject({
  ...topFields,
  stages: record(StageName, union([StageDef, ForeachStageDef, MatrixStageDef]))
});

// core/pipeline/normalise.ts
function buildStage(name, group, raw, outer, site, paramChecks) {
  const { root, source, path } = site;
  const { wdir, body, tracked } = resolveStage(name, raw, outer, site);
  const where = { root, wdir, source, path };
  const { outs, outLocations } = stageOuts(body, where);
  const params = stageParams(body, where, paramChecks);
  const deps = (body.deps ?? []).map(
    (dep, i) => normalise(root, wdir, String(dep), source, [...path, "deps", i])
  );
  checkDepsAndOuts(name, deps, outs, source, path);
  const checks = stageChecks(body, outs, where);
  return {
    name,
    ...group ? { group: { ...group, values: unbox(group.values) } } : {},
    // As DVC runs it (dvc/stage/run.py): a list item is one command; a string is split
    // into lines, each its own command, run in order, each of which must succeed.
    cmd: Array.isArray(body.cmd) ? body.cmd : body.cmd.split(/\r?\n/).filter((line) => line.trim() !== ""),
    lockCmd: body.cmd,
    ...tracked.length > 0 ? { trackedParams: tracked } : {},
    wdir,
    deps,
    outs,
    // DVC's stage plots: `path` or `{path: {x, y, template…}}`.
    plots: (body.plots ?? []).flatMap(
      (entry, i) => (typeof entry === "string" ? [entry] : Object.keys(entry)).map(
        (plot) => normalise(root, wdir, plot, source, [...path, "plots", i])
      )
    ),
    params,
    frozen: body.frozen ?? false,
    alwaysChanged: body.always_changed ?? false,
    checks,
    retries: body.retries ?? 0,
    timeoutMs: body.timeout === void 0 ? void 0 : durationMs(body.timeout),
    env: Object.fromEntries(Object.entries(body.env ?? {}).map(([k, v]) => [k, String(v)])),
    runsOn: body["runs-on"] === void 0 ? void 0 : [body["runs-on"]].flat(),
    desc: body.desc,
    location: at(source, path.at(-1) === "do" ? path.slice(0, -1) : path),
    timeoutLocation: body.timeout === void 0 ? void 0 : at(source, [...path, "timeout"]),
    depLocations: (body.deps ?? []).map((_, i) => at(source, [...path, "deps", i])),
    outLocations
  };
}
function resolveStage(name, raw, outer, site) {
  const { root, base, source, path } = site;
  const onError = (at2, error) => {
    throw new Cd4mlError(
      "E_INTERPOLATION",
      `bad interpolation in stage '${name}': ${error.message}`,
      {
        location: { ...source.locate(at2), field: at2.join(".") },
        hint: "define the key in params.yaml (or a vars file) or escape it as \\${...}"
      }
    );
  };
  const rawWdir = raw.wdir === void 0 ? void 0 : interpolateDeep(raw.wdir, outer.data, [...path, "wdir"], onError);
  const wdir = isScalar(rawWdir) && typeof rawWdir !== "boolean" ? normalise(root, base, pyStr(rawWdir), source, [...path, "wdir"]) : base;
  const { vars, ...fields } = raw;
  let ctx = outer;
  if (vars !== void 0) {
    const list = source.validate(VarsList, vars, [...path, "vars"], "E_SPEC");
    ctx = cloneContext(outer);
    loadVars(ctx, list, {
      wdir,
      readParams: site.readVars,
      source,
      path: [...path, "vars"],
      stageName: name
    });
  }
  const resolved = {};
  for (const [key, value] of Object.entries(fields)) {
    const at2 = [...path, key];
    const out = key === "wdir" ? rawWdir : interpolateDeep(value, ctx.data, at2, onError, key === "cmd" && site.parsing);
    checkWhole(value, out, key, at2, onError);
    resolved[key] = out;
  }
  const body = source.validate(StageDef, unbox(resolved), path, "E_SPEC");
  return { wdir, body, tracked: trackedParams(fields, ctx) };
}
function stageOuts(body, { root, wdir, source, path }) {
  const outs = [];
  const outLocations = [];
  for (const [field, metric] of [
    ["outs", false],
    ["metrics", true],
    ["plots", false]
  ]) {
    for (const [i, entry] of (body[field] ?? []).entries()) {
      const [rawPath, value] = typeof entry === "string" ? [entry, null] : Object.entries(entry)[0] ?? ["", null];
      const flags = new Map(
        typeof value === "object" && value !== null ? Object.entries(value) : []
      );
      const outPath = normalise(root, wdir, String(rawPath), source, [...path, field, i]);
      if (field === "plots" && outs.some((out) => out.path === outPath)) continue;
      outs.push({
        path: outPath,
        cache: typeof flags.get("cache") === "boolean" ? flags.get("cache") === true : !metric,
        persist: flags.get("persist") === true,
        metric
      });
      outLocations.push(at(source, [...path, field, i]));
    }
  }
  return { outs, outLocations };
}
function stageChecks(body, outs, { root, wdir, source, path }) {
  return (body.checks ?? []).map(({ data, ...rest }, i) => {
    const field = [...path, "checks", i, "data"];
    const file = normalise(root, wdir, data, source, field);
    const owner = outs.find(
      (out) => !out.metric && (out.path === file || file.startsWith(`${out.path}/`))
    );
    if (!owner) {
      const listed = outs.filter((o) => !o.metric).map((o) => o.path);
      throw source.error(
        "E_SPEC",
        field,
        `check on '${data}': it is not an out of this stage`,
        listed.length > 0 ? `check one of its outs (${listed.join(", ")}), or add '${data}' to its outs` : `add '${data}' to the stage's outs`
      );
    }
    if (!profileFormat(file))
      throw source.error(
        "E_SPEC",
        field,
        `check on '${data}': only tabular files are checked`,
        "name a .csv, .tsv, .jsonl or .parquet file"
      );
    return { ...rest, data: file, location: at(source, [...path, "checks", i]) };
  });
}
function stageParams(body, { root, wdir, source, path }, paramChecks) {
  const params = [];
  for (const [i, entry] of (body.params ?? []).entries()) {
    const refs = [];
    const defaultFile = normalise(root, wdir, DEFAULT_PARAMS_FILE, source, [...path, "params", i]);
    if (typeof entry === "string") refs.push({ file: defaultFile, key: entry });
    else
      for (const [file, keys] of Object.entries(entry)) {
        const rel = normalise(root, wdir, file, source, [...path, "params", i]);
        if (keys === null || keys.length === 0) refs.push({ file: rel, key: void 0 });
        else for (const key of keys) refs.push({ file: rel, key });
      }
    for (const ref of refs) paramChecks.push({ ref, field: [...path, "params", i] });
    params.push(...refs);
  }
  return params;
}
function at(source, path) {
  return { file: source.file, field: formatPath(path), path: [...path] };
}
function normalise(root, wdir, path, source, field) {
  const absolute = isAbsolute(path) ? path : resolve(root, wdir, path);
  const rel = relative(root, absolute);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw source.error(
      "E_SPEC",
      field,
      `path '${path}' is outside the repository`,
      "stages may only read and write inside the pipeline directory"
    );
  }
  return rel.split(sep).join(posix4.sep) || ".";
}
function durationMs(value) {
  if (typeof value === "number") return value * 1e3;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(value);
  const amount = Number(match?.[1] ?? 0);
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 36e5 }[match?.[2]];
  return amount * unit;
}

// core/pipeline/expand.ts
var MatrixShape = looseObject({ matrix: MatrixStageDef.shape.matrix });
function expandStage(name, raw, ctx, site, paramChecks) {
  const { source } = site;
  const path = ["stages", name];
  if ("foreach" in raw) {
    const def = source.validate(ForeachShape, raw, path, "E_SPEC");
    const resolved = resolveIterable(def.foreach, ctx, [...path, "foreach"], source);
    return resolved.items.map(
      ({ key, item }) => buildStage(
        `${name}@${key}`,
        { name, key, values: asValues(item, "item") },
        def.do,
        cloneContext(ctx, resolved.mapping ? { item, key } : { item }, true),
        { ...site, path: [...path, "do"] },
        paramChecks
      )
    );
  }
  if ("matrix" in raw) {
    const { matrix, ...body } = source.validate(MatrixShape, raw, path, "E_SPEC");
    const axes = Object.entries(matrix).map(([axis, values]) => {
      const list = typeof values === "string" ? resolveIterable(values, ctx, [...path, "matrix", axis], source).items.map((x) => x.item) : values;
      return { axis, list };
    });
    return cartesian(axes).map((combo) => {
      const key = axes.map(({ axis, list }) => {
        const value = combo[axis];
        return isScalar(value) || value === null ? pyStr(value) : `${axis}${list.indexOf(value)}`;
      }).join("-");
      return buildStage(
        `${name}@${key}`,
        { name, key, values: combo },
        body,
        cloneContext(ctx, { item: combo, key }, true),
        { ...site, path },
        paramChecks
      );
    });
  }
  if (!("cmd" in raw) && !StageDef.safeParse(raw).error?.issues.some((issue) => issue.code === "unrecognized_keys")) {
    throw source.error(
      "E_SPEC",
      path,
      `stage '${name}' has no cmd`,
      "add `cmd: <shell command>` (or `foreach`/`matrix` with `do`)",
      { key: true }
    );
  }
  return [buildStage(name, void 0, raw, ctx, { ...site, path }, paramChecks)];
}
function resolveIterable(value, ctx, path, source) {
  const resolved = interpolateDeep(value, ctx.data, [...path], (at2, error) => {
    throw source.error("E_SPEC", at2, error.message, "define it in params.yaml or under vars");
  });
  if (Array.isArray(resolved)) {
    const list = resolved;
    const byIndex = list.some((item) => Array.isArray(item) || isRecord(item));
    return {
      items: list.map((item, i) => ({ key: byIndex ? String(i) : pyStr(item), item })),
      mapping: false
    };
  }
  if (isRecord(resolved))
    return { items: Object.entries(resolved).map(([key, item]) => ({ key, item })), mapping: true };
  throw source.error("E_SPEC", path, "foreach must be a list, a mapping, or ${...} naming one");
}
function cartesian(axes) {
  let combos = [{}];
  for (const { axis, list } of axes)
    combos = combos.flatMap((combo) => list.map((value) => ({ ...combo, [axis]: value })));
  return combos;
}
function asValues(item, name) {
  return isRecord(item) ? item : { [name]: item };
}

// core/pipeline/load.ts
function loadPipeline(file) {
  const absolute = resolve2(file);
  const root = dirname(absolute);
  const parsing = readDvcParsing(root);
  const main = loadFile(absolute, root, "", parsing);
  const { top, source } = main;
  const files = [main];
  const scanned = [];
  if (basename(absolute) === "dvc.yaml") {
    const outsOf = (stages2) => stages2.flatMap((s) => s.outs.map((o) => o.path));
    const found = collectDvcFiles(
      root,
      outsOf(main.stages),
      (rel) => {
        const loaded = loadFile(join2(root, rel), root, posix5.dirname(rel), parsing);
        files.push(loaded);
        return outsOf(loaded.stages);
      },
      scanned
    );
    for (const [i, rel] of found.entries()) addressed(files[i + 1].stages, rel);
  }
  const stages = files.flatMap((f) => f.stages);
  const readParams = paramsReader(root);
  const errors = unique(files.flatMap((f) => f.errors));
  if (errors.length === 0)
    for (const f of files) errors.push(...checkParams(f.paramChecks, stages, readParams, f.source));
  if (errors.length > 0) throw new Cd4mlAggregateError(unique(errors));
  const paramFiles = new Set(stages.flatMap((stage) => stage.params.map((ref) => ref.file)));
  const varsFiles = new Set(files.flatMap((f) => [...f.varsFiles]));
  const pipeline = {
    file: absolute,
    root,
    stages,
    model: top.model === void 0 ? void 0 : normalise(root, "", top.model, source, ["model"]),
    ...predictionsOf(top.predictions, root, source),
    stats: (top.stats ?? []).map((path, i) => normalise(root, "", path, source, ["stats", i])),
    environment: {
      files: (top.environment?.files ?? []).map(
        (path, i) => normalise(root, "", path, source, ["environment", "files", i])
      ),
      image: top.environment?.image
    },
    // Top-level metrics are interpolated too, as in DVC.
    metrics: files.flatMap(
      (f) => (f.top.metrics ?? []).map(
        (path, i) => normalise(root, f.base, topLevel(path, f.context, f.source, ["metrics", i]), f.source, [
          "metrics",
          i
        ])
      )
    ),
    // Params files that stages name are inputs too: a cached pipeline must see them change.
    sources: [
      ...files.slice(1).map((f) => f.file),
      ...DVC_CONFIG_FILES.map((f) => join2(root, f)),
      ...[.../* @__PURE__ */ new Set([...varsFiles, ...paramFiles])].map((f) => join2(root, f))
    ],
    ...scanned.length > 0 ? { scanned } : {}
  };
  checkOutOwners(pipeline);
  return pipeline;
}
function loadFile(absolute, root, base, parsing) {
  const display = relative2(process.cwd(), absolute) || basename(absolute);
  let text;
  try {
    text = readFileSync2(absolute, "utf8");
  } catch (error) {
    throw new Cd4mlError(
      "E_SPEC",
      `cannot read the pipeline file (${error.code ?? "error"})`,
      {
        location: { file: display },
        hint: "run cd4ml from the directory holding cd4ml.yaml, or pass -f path/to/cd4ml.yaml"
      }
    );
  }
  const source = YamlSource.parse(text, display, "E_SPEC", PARSE_LIMITS, PYTHON_YAML_SCHEMA);
  if (source.data === null || source.data === void 0) {
    throw new Cd4mlError("E_SPEC", "the pipeline file is empty", {
      location: { file: display, line: 1 },
      hint: "add a `stages:` section"
    });
  }
  const top = source.validate(PipelineTop, source.data, [], "E_SPEC");
  const varsFiles = /* @__PURE__ */ new Set([posix5.join(base || ".", DEFAULT_PARAMS_FILE)]);
  const readPython = paramsReader(root, void 0, PYTHON_YAML_SCHEMA);
  const readVars = (f) => {
    varsFiles.add(f);
    return readPython(f);
  };
  const context = buildContext(top.vars ?? [], { readParams: readVars, source }, base);
  const errors = [];
  const stages = [];
  const paramChecks = [];
  for (const [name, raw] of Object.entries(top.stages)) {
    try {
      stages.push(
        ...expandStage(name, raw, context, { root, base, source, readVars, parsing }, paramChecks)
      );
    } catch (error) {
      if (error instanceof Cd4mlAggregateError) errors.push(...error.errors);
      else if (error instanceof Cd4mlError) errors.push(error);
      else throw error;
    }
  }
  return { file: absolute, base, source, top, context, stages, paramChecks, varsFiles, errors };
}
function addressed(stages, file) {
  for (const stage of stages) {
    stage.dvcfile = { file, name: stage.name };
    stage.name = `${file}:${stage.name}`;
    if (stage.group) stage.group = { ...stage.group, name: `${file}:${stage.group.name}` };
  }
}
function predictionsOf(entry, root, source) {
  if (entry === void 0) return { predictions: void 0, predictionSlices: [] };
  if (typeof entry === "string")
    return {
      predictions: normalise(root, "", entry, source, ["predictions"]),
      predictionSlices: []
    };
  return {
    predictions: normalise(root, "", entry.file, source, ["predictions", "file"]),
    predictionSlices: [...new Set(entry.slices)]
  };
}
function topLevel(path, ctx, source, field) {
  try {
    return pyStr(interpolateString(path, ctx.data));
  } catch (error) {
    throw source.error(
      "E_INTERPOLATION",
      field,
      error.message,
      "define the key in params.yaml or under vars"
    );
  }
}

export {
  loadPipeline
};
//# sourceMappingURL=chunk-4B5GQXXT.js.map
