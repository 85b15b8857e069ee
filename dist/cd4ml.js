import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RELEASE_MANIFEST_FILE,
  parseReleaseManifest,
  parseShadowTarget
} from "./chunk-LAJAPT2R.js";
import {
  ciContext,
  recordedGit
} from "./chunk-4QVFPBFS.js";
import {
  EXIT,
  EXIT_CODES_HELP,
  exitCodeOf,
  ignoreClosedPipes,
  isSystemError
} from "./chunk-HNKV5JZE.js";
import {
  findPipelineFile
} from "./chunk-LGJDPV4P.js";
import {
  readTextIfPresent
} from "./chunk-FDRDYCY3.js";
import {
  require_picocolors
} from "./chunk-5GDVX464.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import "./chunk-GDE4YRT6.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-WARPCWE3.js";

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => {
        return str2 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path = __require("node:path");
    var fs = __require("node:fs");
    var process2 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command = this; command; command = command.parent) {
          result.push(command);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path.resolve(
            path.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path.basename(
              this._scriptPath,
              path.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name());
            if (command.alias()) candidateNames.push(command.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, "commander.version", str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path.basename(filename, path.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path2) {
        if (path2 === void 0) return this._executableDir;
        this._executableDir = path2;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === "function") {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1);
var {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// cli/commands/compare.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
var FORMATS = ["md", "text", "json"];
function registerCompare(program3) {
  program3.command("compare").description(
    "Compare the head run with the base run, apply the gate policy and print the report"
  ).option(
    "--base <run|git-ref>",
    "base run: a record file, a run artifact directory or its .zip, or a git ref whose latest stored run is used (default: the merge-base with the base branch: GITHUB_BASE_REF in a pull request job, else the default branch; a shallow clone fetches the history it needs from origin)"
  ).option(
    "--head <run>",
    "head run: a record file, a run artifact directory or its .zip (default: the latest run in the local store)"
  ).option(
    "--policy <file>",
    "gate policy (default: .github/cd4ml.yml from the base commit, else from the workspace)"
  ).option("--format <md|text|json>", "output: GitHub markdown, terminal text or JSON", "text").option("--root <dir>", "workspace root holding .cd4ml/runs", ".").addHelpText("after", "\nExit codes: 0 gate passed or undecided, 1 gate failed, 2 bad input.").action(async (flags) => {
    const format = FORMATS.find((f) => f === flags.format);
    const { Cd4mlError: Cd4mlError2 } = await import("./errors-7ECLZTRU.js");
    if (!format) {
      throw new Cd4mlError2("E_USAGE", `unknown --format "${flags.format}"`, {
        location: { file: "<command line>", field: "format" },
        hint: "use md, text or json"
      });
    }
    const { runGate, renderGateReport } = await import("./gate-H4N4P6SM.js");
    const { source, input } = await gateInput(flags);
    const result = await runGate(source, input);
    const pc4 = format === "text" ? (await import("./picocolors-WBFY7IFE.js")).default : null;
    const style = pc4 ? { good: pc4.green, bad: pc4.red, warn: pc4.yellow, dim: pc4.dim, bold: pc4.bold } : void 0;
    process.stdout.write(renderGateReport(result, format, { style }));
    process.exitCode = result.decision.conclusion === "failure" ? EXIT.failed : EXIT.ok;
  });
}
async function gateInput(flags) {
  const local = await import("./local-source-Z2IMBQHT.js");
  const { Cd4mlError: Cd4mlError2 } = await import("./errors-7ECLZTRU.js");
  const root = resolve(flags.root);
  const git = await local.openGit(root);
  const head = flags.head ? await loadRun(flags.head) : await local.latestStoredRun(root);
  const source = local.localRunSource({ root, git });
  const input = { head, baseCommit: null, notes: [] };
  const notes = [];
  if (flags.policy) {
    input.policy = {
      text: await readInput(flags.policy, "the policy"),
      file: flags.policy
    };
  }
  const base = flags.base;
  if (base && local.isRunPath(base)) {
    input.base = await loadRun(base);
    input.baseCommit = input.base.record.git.commit;
  } else if (!git) {
    if (base)
      throw new Cd4mlError2(
        "E_USAGE",
        `--base ${base} is not a file, and ${root} is not a git repository to resolve it in`,
        { location: { file: "<command line>", field: "base" } }
      );
    notes.push("Not a git repository: no baseline to compare with.");
  } else if (base) {
    const { namedBase } = await import("./compare-base-FMISVXVR.js");
    const found = await namedBase(git, base);
    if (!found) {
      throw new Cd4mlError2(
        "E_USAGE",
        `--base "${base}" is neither a run record file nor a git ref`,
        {
          location: { file: "<command line>", field: "base" },
          hint: "pass a cd4ml-run.json, a run artifact directory or .zip, or a branch, tag or commit"
        }
      );
    }
    input.baseCommit = found.commit;
    input.baseLabel = base;
    notes.push(...found.notes);
  } else {
    const { defaultBase } = await import("./compare-base-FMISVXVR.js");
    const headCommit = head.record.git.commit ?? await local.revParse(git, "HEAD");
    const found = headCommit ? await defaultBase(git, headCommit) : null;
    if (!found)
      notes.push(
        "No base branch (GITHUB_BASE_REF, origin/HEAD, main or master) to find a baseline on."
      );
    else {
      input.baseCommit = found.commit;
      input.headCommit = headCommit;
      input.baseLabel = found.label;
      notes.push(...found.notes);
    }
  }
  input.notes = notes;
  return { source, input };
}
async function readInput(file, what) {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const { Cd4mlError: Cd4mlError2 } = await import("./errors-7ECLZTRU.js");
    throw new Cd4mlError2(
      "E_USAGE",
      `cannot read ${what}: ${error.code ?? String(error)}`,
      { location: { file } }
    );
  }
}
async function loadRun(path) {
  const { loadRunPath } = await import("./local-source-Z2IMBQHT.js");
  return loadRunPath(path);
}

// cli/commands/dag.ts
import { existsSync } from "node:fs";
import { join } from "node:path";

// cli/options.ts
import { availableParallelism } from "node:os";
import { resolve as resolve2 } from "node:path";
function pipelineFileOption(file) {
  return file === void 0 ? findPipelineFile(process.cwd()) : resolve2(file);
}
function parseJobs(value) {
  if (value === void 0) return availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new Cd4mlError("E_USAGE", `--jobs must be a whole number of at least 1, got '${value}'`, {
      hint: "e.g. --jobs 4"
    });
  }
  return jobs;
}

// cli/commands/dag.ts
function registerDag(program3) {
  program3.command("dag").description(
    "Print the stage graph, as text or as a Mermaid flowchart (paste it into a PR or README)"
  ).option("-f, --file <path>", "pipeline file (default: cd4ml.yaml, else dvc.yaml)").option("--format <format>", "text or mermaid", "text").action(async (flags) => {
    if (flags.format !== "text" && flags.format !== "mermaid") {
      throw new Cd4mlError("E_USAGE", `--format must be text or mermaid, got '${flags.format}'`);
    }
    const [{ buildDag, dagToMermaid, dagToText }, { loadPipeline }] = await Promise.all([
      import("./dag-ZAXSWD2C.js"),
      import("./load-EKOR2ELM.js")
    ]);
    const pipeline = loadPipeline(pipelineFileOption(flags.file));
    const dag = buildDag(pipeline, (path) => existsSync(join(pipeline.root, path)));
    process.stdout.write(`${flags.format === "mermaid" ? dagToMermaid(dag) : dagToText(dag)}
`);
  });
}

// cli/commands/gc.ts
import { resolve as resolve3 } from "node:path";
function registerGc(program3) {
  program3.command("gc").description(
    "Remove run-cache objects that neither the lock, the newest runs nor the branch heads' runs refer to"
  ).option("--keep-runs <n>", "newest runs in the local store (.cd4ml/runs) whose outs stay", "10").option("-n, --dry-run", "say what would be removed, remove nothing").option("--wait", "if a run holds this workspace, wait for it instead of exiting with 2").option("--root <dir>", "workspace root holding .cd4ml", ".").addHelpText("after", "\nExit codes: 0 done, 2 bad input or the workspace is busy.").action(async (flags) => {
    const [{ collectGarbage }, { Cd4mlError: Cd4mlError2 }, { formatBytes }] = await Promise.all([
      import("./gc-FJWMLIJ7.js"),
      import("./errors-7ECLZTRU.js"),
      import("./format-344UMR4I.js")
    ]);
    const keepRuns = Number(flags.keepRuns);
    if (!Number.isInteger(keepRuns) || keepRuns < 0)
      throw new Cd4mlError2(
        "E_USAGE",
        `--keep-runs must be a whole number of at least 0, got '${flags.keepRuns}'`,
        { hint: "e.g. --keep-runs 10" }
      );
    const result = await collectGarbage(resolve3(flags.root), {
      keepRuns,
      dryRun: flags.dryRun,
      wait: flags.wait,
      onNotice: (message) => process.stderr.write(`cd4ml: ${message}
`)
    });
    const { removed, kept, references } = result;
    process.stdout.write(
      `${flags.dryRun ? "Would remove" : "Removed"} ${removed.objects} cache object${removed.objects === 1 ? "" : "s"} (${formatBytes(removed.bytes)}) and ${result.entriesRemoved} run-cache entr${result.entriesRemoved === 1 ? "y" : "ies"}; kept ${kept.objects} (${formatBytes(kept.bytes)}) for ${references.lockOuts} outs in the lock, ${references.runs} runs and ${references.branchHeads} branch heads.
`
    );
  });
}

// cli/commands/history.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join as join2, resolve as resolve5 } from "node:path";

// cli/commands/history-branch.ts
import { resolve as resolve4 } from "node:path";
function registerHistoryBranch(history) {
  const common = (command) => command.option("--remote <name>", "the git remote", "origin").option("--branch <name>", "the history branch", "cd4ml-history").option("--root <dir>", "workspace root holding .cd4ml/runs", ".");
  common(
    history.command("push").description(
      "Append the local runs (compact: no predictions) to the history branch of the remote and push; a push another writer beat is fetched, merged and retried"
    )
  ).argument(
    "[runs...]",
    "record files or run artifacts (directory or .zip) to push instead of the local store, e.g. a downloaded cd4ml-run"
  ).option("--retries <n>", "pushes to retry after a rejection", "5").action(async (paths, flags) => {
    const [{ pushHistory }, { listRuns }, { Cd4mlError: Cd4mlError2 }] = await Promise.all([
      import("./push-IS4F6LX7.js"),
      import("./local-store-VQ2LU46M.js"),
      import("./errors-7ECLZTRU.js")
    ]);
    const retries = Number(flags.retries);
    if (!Number.isInteger(retries) || retries < 0 || retries > 50) {
      throw new Cd4mlError2(
        "E_USAGE",
        `--retries must be a whole number from 0 to 50, got "${flags.retries}"`,
        {
          location: { file: "<command line>", field: "retries" }
        }
      );
    }
    const root = resolve4(flags.root);
    const runs = paths.length > 0 ? await Promise.all(paths.map(namedRun)) : await listRuns(root);
    const result = await pushHistory({
      root,
      runs,
      remote: flags.remote,
      branch: flags.branch,
      retries
    });
    process.stderr.write(
      result.added === 0 ? `cd4ml: ${flags.branch} on ${flags.remote} already has all ${runs.length} local run(s) (${result.total} in all)
` : `cd4ml: pushed ${result.added} run(s) to ${flags.branch} on ${flags.remote} (${result.total} in all${result.attempts > 1 ? `, after ${result.attempts - 1} rejected push(es)` : ""})
`
    );
  });
  common(
    history.command("pull").description("Fetch the history branch, so history, compare and ui see its runs")
  ).action(async (flags) => {
    const { pullHistory } = await import("./pull-EJSK5YXP.js");
    const result = await pullHistory({
      root: resolve4(flags.root),
      remote: flags.remote,
      branch: flags.branch
    });
    process.stderr.write(
      `cd4ml: fetched ${result.runs} run(s) from ${flags.branch} on ${flags.remote}
`
    );
    for (const skip of result.skipped)
      process.stderr.write(`cd4ml: skipped ${skip.file}: ${skip.reason}
`);
  });
}
async function namedRun(path) {
  const { loadRunPath } = await import("./local-source-Z2IMBQHT.js");
  return { dir: resolve4(path), record: (await loadRunPath(path)).record };
}

// cli/commands/history.ts
function registerHistory(program3) {
  const history = program3.command("history").description(
    "Show how metrics moved over the runs in the local store and the pulled history branch (newest last)"
  ).argument(
    "[metrics...]",
    "metrics to show (default: the gate policy's metrics, else the first four of the newest run that has metrics); model.bytes and model.latency_p95_ms work too"
  ).option("-n, --limit <n>", "how many recent runs", "20").option("--format <text|json>", "terminal text or JSON", "text").option("--root <dir>", "workspace root holding .cd4ml/runs", ".").action(async (metrics, flags) => {
    const [{ knownRuns }, { Cd4mlError: Cd4mlError2 }] = await Promise.all([
      import("./known-runs-KELFPEQJ.js"),
      import("./errors-7ECLZTRU.js")
    ]);
    const limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Cd4mlError2(
        "E_USAGE",
        `--limit must be a positive whole number, got "${flags.limit}"`,
        { location: { file: "<command line>", field: "limit" } }
      );
    }
    if (flags.format !== "text" && flags.format !== "json") {
      throw new Cd4mlError2("E_USAGE", `unknown --format "${flags.format}"`, {
        location: { file: "<command line>", field: "format" },
        hint: "use text or json"
      });
    }
    const root = resolve5(flags.root);
    const runs = (await knownRuns(root)).slice(-limit).map((run) => run.record);
    if (runs.length === 0) {
      throw new Cd4mlError2("E_USAGE", "no runs in the local store", {
        location: { file: ".cd4ml/runs" },
        hint: "run the pipeline first (`cd4ml run`), or fetch the history branch: `cd4ml history pull`"
      });
    }
    const names = metrics.length > 0 ? metrics : await defaultMetrics(root, runs);
    process.stdout.write(await render(runs, names, flags.format));
  });
  registerHistoryBranch(history);
}
async function render(runs, names, format) {
  const { renderHistoryJson, renderHistoryText } = await import("./history-CW6I5ORY.js");
  if (format === "json") return renderHistoryJson(runs, names);
  const pc4 = (await import("./picocolors-WBFY7IFE.js")).default;
  return renderHistoryText(runs, names, {
    bold: pc4.bold,
    trend: pc4.cyan,
    dim: pc4.dim,
    bad: pc4.red
  });
}
async function defaultMetrics(root, runs) {
  const { parsePolicy, POLICY_PATH } = await import("./parse-5UZ4AXUA.js");
  const { metricRules } = await import("./schema-V2LTXXE6.js");
  try {
    const policy = parsePolicy(await readFile2(join2(root, POLICY_PATH), "utf8"), POLICY_PATH);
    const names = [
      .../* @__PURE__ */ new Set([...policy.report.chart, ...metricRules(policy.gate.rules).map((r) => r.metric)])
    ];
    if (names.length > 0) return names;
  } catch {
  }
  const latest = runs.findLast((run) => Object.keys(run.metrics).length > 0);
  return latest ? Object.keys(latest.metrics).sort().slice(0, 4) : [];
}

// cli/commands/record.ts
import { readFile as readFile3, stat } from "node:fs/promises";
import { dirname, join as join3, relative, resolve as resolve6 } from "node:path";
function registerRecord(program3) {
  program3.command("record").description(
    "Write the run artifact (cd4ml-run: record, metrics, plots data, predictions, stats, carried history) and/or the model artifact (cd4ml-model) for upload"
  ).option("--dir <dir>", "write the cd4ml-run artifact here (format cd4ml/run-artifact@1)").option("--model-dir <dir>", "write the cd4ml-model artifact here (model.onnx + model card)").option("--record <file>", "the run record (default: cd4ml-run.json beside the pipeline file)").option("-f, --file <path>", "pipeline file (default: cd4ml.yaml, else dvc.yaml)").option(
    "--history-from <dir|zip>",
    "the predecessor run's artifact (the base branch's previous push run), whose history this run carries forward"
  ).option(
    "--history <n>",
    "runs the history keeps (default: the policy's report.history, else 20)"
  ).option(
    "--shadow <file>",
    "live traffic on the candidate (cd4ml shadow report --json): the PR report shows it first"
  ).addHelpText(
    "after",
    "\nThe layout and its caps: docs/run-artifact.md. Exit codes: 0 written, 2 bad input."
  ).action(async (flags) => {
    const { Cd4mlError: Cd4mlError2 } = await import("./errors-7ECLZTRU.js");
    if (!flags.dir && !flags.modelDir) {
      throw new Cd4mlError2("E_USAGE", "nothing to write: pass --dir, --model-dir or both", {
        location: { file: "<command line>" },
        hint: "e.g. cd4ml record --dir .cd4ml/artifact/run --model-dir .cd4ml/artifact/model"
      });
    }
    const pipelineFile = pipelineFileOption(flags.file);
    const root = dirname(pipelineFile);
    const recordFile = resolve6(flags.record ?? join3(root, "cd4ml-run.json"));
    const { parseRunRecord } = await import("./parse-KILAGP5M.js");
    let text;
    try {
      text = await readFile3(recordFile, "utf8");
    } catch (error) {
      throw new Cd4mlError2(
        "E_USAGE",
        `cannot read the run record: ${error.code ?? String(error)}`,
        { location: { file: recordFile }, hint: "run the pipeline first: `cd4ml run`" }
      );
    }
    const record = parseRunRecord(text, recordFile);
    const lines = [];
    if (flags.dir) {
      const writer = `cd4ml ${program3.version() ?? ""}`.trim();
      lines.push(...await writeRunDir(flags.dir, flags, pipelineFile, record, writer));
    }
    if (flags.modelDir) {
      const { writeModelArtifact } = await import("./model-M2U5ZMQB.js");
      const card = await writeModelArtifact(resolve6(flags.modelDir), root, record);
      lines.push(
        `${relative(process.cwd(), resolve6(flags.modelDir)) || "."}: model.onnx (${card.bytes} bytes, sha256 ${card.sha256.slice(0, 12)}) + model card`
      );
    }
    process.stdout.write(`${lines.join("\n")}
`);
  });
}
async function writeRunDir(dir, flags, pipelineFile, record, writer) {
  const root = dirname(pipelineFile);
  const [{ loadPipeline }, { artifactFiles }, { writeRunArtifact }] = await Promise.all([
    import("./load-EKOR2ELM.js"),
    import("./files-QATJEOYH.js"),
    import("./write-TG6ZN62O.js")
  ]);
  const manifest = await writeRunArtifact(resolve6(dir), {
    root,
    record,
    files: artifactFiles(loadPipeline(pipelineFile), record),
    history: flags.historyFrom ? await carriedFrom(flags.historyFrom) : [],
    historyLimit: await historyLimit(root, flags.history),
    writer,
    ...flags.shadow ? { shadow: await shadowFrom(flags.shadow) } : {}
  });
  const bytes2 = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  return [
    `${relative(process.cwd(), resolve6(dir)) || "."}: cd4ml-run.json + ${manifest.files.length} files (${bytes2} bytes)`,
    ...manifest.skipped.map((s) => `  skipped ${s.path} (${s.role}): ${s.reason}`)
  ];
}
async function carriedFrom(path) {
  const [{ Cd4mlError: Cd4mlError2 }, read, { toHistoryEntry }] = await Promise.all([
    import("./errors-7ECLZTRU.js"),
    import("./read-7XGPIQEB.js"),
    import("./history-INK3T7EU.js")
  ]);
  let isDirectory;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new Cd4mlError2(
      "E_USAGE",
      `cannot read --history-from: ${error.code ?? String(error)}`,
      {
        location: { file: path },
        hint: "pass the predecessor push run's cd4ml-run artifact (a directory or its .zip), or leave the option out"
      }
    );
  }
  const artifact = isDirectory ? await read.readRunArtifactDir(path) : read.readRunArtifactZip(await readFile3(path), path);
  return artifact.history ?? [toHistoryEntry(artifact.record)];
}
async function historyLimit(root, flag) {
  const [{ Cd4mlError: Cd4mlError2 }, { DEFAULT_HISTORY_RUNS }, { parsePolicy, POLICY_PATH }] = await Promise.all([
    import("./errors-7ECLZTRU.js"),
    import("./layout-CJ5PKONS.js"),
    import("./parse-5UZ4AXUA.js")
  ]);
  if (flag !== void 0) {
    const n = Number(flag);
    if (!Number.isInteger(n) || n < 0)
      throw new Cd4mlError2("E_USAGE", `--history must be a whole number, got "${flag}"`, {
        location: { file: "<command line>", field: "history" }
      });
    return n;
  }
  let text;
  try {
    text = await readFile3(join3(root, POLICY_PATH), "utf8");
  } catch {
    return DEFAULT_HISTORY_RUNS;
  }
  return parsePolicy(text, POLICY_PATH).report.history;
}
async function shadowFrom(file) {
  const { readShadowSummaryFile } = await import("./summary-DFAH6QB4.js");
  return readShadowSummaryFile(resolve6(file), "--shadow");
}

// cli/commands/reproduce.ts
import { availableParallelism as availableParallelism2, constants } from "node:os";
import { resolve as resolve7 } from "node:path";
var WHERE = (field) => ({ file: "<command line>", field });
function registerReproduce(program3) {
  program3.command("reproduce").description(
    "Replay a recorded run from its commit, params and overrides in a temporary git worktree, and compare its metrics and outs with the record"
  ).argument(
    "<run>",
    "a run id (or prefix), a commit or git revision, a cd4ml-run.json, or a run artifact directory or .zip"
  ).option(
    "-S, --set <key=value>",
    "override a param on top of the recorded overrides (repeatable)",
    (value, all) => [...all ?? [], value]
  ).option(
    "--tolerance <abs|pct%>",
    "how far a metric may move and still match: 1e-6, or 0.5%",
    "0"
  ).option("--metrics-only", "compare metrics only, not the hashes of the stages' outs").option(
    "--allow-dirty",
    "reproduce a run made from a tree with uncommitted changes, from its commit"
  ).option("--strict-env", "exit 2 when the environment differs from the recorded one").option("--keep", "keep the worktree and print its path").option("--json", "print the comparison as JSON").option(
    "-j, --jobs <n>",
    `stages to run at once (default: CPU count, ${availableParallelism2()})`
  ).option("--root <dir>", "workspace root holding .cd4ml/runs (the pipeline's directory)", ".").option(
    "--on <where>",
    "reproduce elsewhere: `github` dispatches the pipeline workflow (GITHUB_TOKEN)"
  ).option("--wait", "with --on github: wait for the workflow run and compare its record").option(
    "--timeout <minutes>",
    "with --wait: stop waiting after this long (exit 3; the run goes on)",
    "60"
  ).option("--workflow <file>", "with --on github: the workflow to dispatch", "reproduce.yml").option(
    "--ref <branch>",
    "with --on github: the branch to run the workflow from (default: the repository's default branch)"
  ).addHelpText(
    "after",
    "\nExit codes: 0 the reproduction matches, 1 something differs (named in the output), 2 it cannot run (unknown run, dirty record, missing commit, --strict-env difference), 130 Ctrl-C."
  ).action(async (spec, flags) => {
    const { tolerance, timeoutMs } = await checkFlags(flags);
    const root = resolve7(flags.root);
    const [{ parseOverride }, { resolveRun }, { knownRuns }, { openGit }] = await Promise.all([
      import("./params-TSURDYA6.js"),
      import("./resolve-FPP525AO.js"),
      import("./known-runs-KELFPEQJ.js"),
      import("./local-source-Z2IMBQHT.js")
    ]);
    const overrides = (flags.set ?? []).map(parseOverride);
    const git = await openGit(root);
    const run = await resolveRun(spec, await knownRuns(root), git);
    if (flags.on === "github") {
      process.exitCode = await onGitHub(run, overrides, flags, { tolerance, timeoutMs }, git);
      return;
    }
    process.exitCode = await reproduceLocally(root, run, overrides, flags, tolerance);
  });
}
async function onGitHub(run, overrides, flags, checked, git) {
  const { reproduceOnGitHub, repositoryOfRemote } = await import("./reproduce-github-R2ORQONV.js");
  const remote = git ? await git.raw(["config", "--default", "", "--get", "remote.origin.url"]) : "";
  return reproduceOnGitHub({
    run,
    overrides,
    tolerance: checked.tolerance,
    metricsOnly: Boolean(flags.metricsOnly),
    workflow: flags.workflow,
    ref: flags.ref,
    wait: Boolean(flags.wait),
    json: Boolean(flags.json),
    repository: process.env.GITHUB_REPOSITORY ?? repositoryOfRemote(remote.trim()),
    token: process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN,
    apiUrl: process.env.GITHUB_API_URL,
    timeoutMs: checked.timeoutMs
  });
}
async function checkFlags(flags) {
  const { parseTolerance } = await import("./verdict-JZX364X3.js");
  const tolerance = parseTolerance(flags.tolerance);
  if (!tolerance) {
    throw new Cd4mlError(
      "E_USAGE",
      `--tolerance "${flags.tolerance}" is not a number or a percentage`,
      {
        location: WHERE("tolerance"),
        hint: "e.g. --tolerance 1e-6 (absolute) or --tolerance 0.5% (relative)"
      }
    );
  }
  if (flags.on !== void 0 && flags.on !== "github") {
    throw new Cd4mlError("E_USAGE", `--on "${flags.on}" is not a place cd4ml can reproduce on`, {
      location: WHERE("on"),
      hint: "use --on github, or leave it out to reproduce locally"
    });
  }
  if (flags.wait && flags.on === void 0)
    throw new Cd4mlError("E_USAGE", "--wait needs --on github", { location: WHERE("wait") });
  const minutes = Number(flags.timeout);
  if (!/^\d+(\.\d+)?$/.test(flags.timeout) || !(minutes > 0) || minutes > 24 * 60) {
    throw new Cd4mlError("E_USAGE", `--timeout "${flags.timeout}" is not a number of minutes`, {
      location: WHERE("timeout"),
      hint: "e.g. --timeout 90 (minutes, more than 0 and at most 1440)"
    });
  }
  return { tolerance, timeoutMs: minutes * 6e4 };
}
async function reproduceLocally(root, run, overrides, flags, tolerance) {
  const [{ reproduceRun }, { killRunningGroups, ShellPool }, progress, render2] = await Promise.all([
    import("./reproduce-DCDYZ5AX.js"),
    import("./process-6V4XOMQQ.js"),
    import("./progress-LIVP3VJJ.js"),
    import("./reproduce-render-TYTX4G4G.js")
  ]);
  const jobs = parseJobs(flags.jobs);
  const shells = new ShellPool();
  const reporter = progress.lineReporter();
  let removeWorktree;
  const interrupt = (signal) => {
    killRunningGroups();
    shells.close();
    removeWorktree?.();
    process.stderr.write(
      `cd4ml: interrupted by ${signal}; the reproduction's worktree was removed
`
    );
    process.exit(128 + (constants.signals[signal] ?? 2));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  process.once("SIGHUP", interrupt);
  process.stderr.write(
    `cd4ml: reproducing ${run.record.id} (commit ${run.record.git.commit?.slice(0, 12) ?? "?"}) from ${run.source}
`
  );
  let reproduction;
  try {
    reproduction = await reproduceRun({
      root,
      run,
      overrides,
      tolerance,
      metricsOnly: Boolean(flags.metricsOnly),
      allowDirty: Boolean(flags.allowDirty),
      strictEnv: Boolean(flags.strictEnv),
      keep: Boolean(flags.keep),
      jobs,
      shells,
      onWorktree: (worktree) => removeWorktree = () => worktree.remove(),
      onEnvironment: (differences) => process.stderr.write(render2.environmentText(differences)),
      onEvent: (event) => reporter.onEvent(event)
    });
  } finally {
    reporter.done();
    shells.close();
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    process.off("SIGHUP", interrupt);
  }
  process.stdout.write(
    flags.json ? render2.reproductionJson(run.record, reproduction) : render2.reproductionText(run.record, reproduction)
  );
  return reproduction.verdict.matches ? EXIT.ok : EXIT.failed;
}

// cli/commands/rollback.ts
function registerRollback(program3) {
  program3.command("rollback").description("Deploy an earlier release again: creates a GitHub Deployment of its tag").argument("<version>", "the release to roll back to, e.g. v1.4.0").option("--repo <owner/name>", 'repository (default: the GitHub remote "origin")').option("--environment <name>", "deployment environment", "production").option("--api-url <url>", "GitHub API (default: $GITHUB_API_URL or https://api.github.com)").addHelpText(
    "after",
    "\nNeeds GITHUB_TOKEN (or GH_TOKEN) with permission to create deployments."
  ).action(async (version, flags) => {
    const { rollback } = await import("./rollback-run-YQN2HPY5.js");
    const result = await rollback(version, flags);
    process.stdout.write(
      `Created deployment ${result.id} of ${result.tag} to ${flags.environment} in ${result.repo}: the deploy workflow applies it.
`
    );
  });
}

// cli/commands/run.ts
import { availableParallelism as availableParallelism3 } from "node:os";

// cli/commands/run-command.ts
import { constants as constants2 } from "node:os";

// cli/commands/run-output.ts
var import_picocolors = __toESM(require_picocolors(), 1);
import { relative as relative2 } from "node:path";

// cli/log-tail.ts
import { readFileSync } from "node:fs";
function logTail(logFile, lines = 20) {
  try {
    const text = readFileSync(logFile, "utf8").trimEnd();
    return text.split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

// cli/commands/run-output.ts
async function printOutcome(result, record, storedDir) {
  printFailures(result);
  const counts = Object.values(result.stages).reduce(
    (acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }),
    {}
  );
  const summary = Object.entries(counts).map(([status, n]) => `${n} ${status}`).join(", ");
  const took = ((result.finishedAt.getTime() - result.startedAt.getTime()) / 1e3).toFixed(1);
  process.stderr.write(
    `
${result.failures.length > 0 ? import_picocolors.default.red("Pipeline failed") : import_picocolors.default.green("Pipeline succeeded")}: ${summary} in ${took}s. Run record: ${relative2(process.cwd(), storedDir)}
`
  );
  const headline = await headlineOf(record);
  if (headline.length > 0) process.stderr.write(`${import_picocolors.default.dim(headline.join(" \xB7 "))}
`);
}
function printFailures(result) {
  for (const failure of result.failures) {
    const tail = logTail(failure.logFile);
    process.stderr.write(`
${import_picocolors.default.red("\u2716")} ${failure.message}
`);
    if (tail)
      process.stderr.write(
        `${import_picocolors.default.dim(`\u2500\u2500 last lines of ${relative2(process.cwd(), failure.logFile)} \u2500\u2500`)}
${tail}
`
      );
  }
}
async function headlineOf(record) {
  const { formatBytes, formatNumber } = await import("./format-344UMR4I.js");
  const headline = Object.entries(record.metrics).slice(0, 4).map(([name, value]) => `${name} ${formatNumber(value)}`);
  if (record.champion)
    headline.unshift(`champion ${record.champion} of ${Object.keys(record.candidates).length}`);
  if (record.model)
    headline.push(
      `${record.model.path} ${formatBytes(record.model.bytes)}${record.model.latency ? `, p95 ${record.model.latency.p95Ms} ms` : ""}`
    );
  return headline;
}

// cli/commands/run-command.ts
async function runCommand(stages, flags) {
  const { file, jobs } = parseRunFlags(stages, flags);
  const processModule = import("./process-6V4XOMQQ.js");
  const shells = processModule.then((m) => new m.ShellPool().prestart(Math.min(jobs, 2)));
  try {
    const recordModule = import("./record-2OC5X35U.js");
    const context = recordModule.then((m) => m.startContext(file));
    const [
      { runPipeline },
      { buildRunRecord, saveRunRecord },
      { parseOverride },
      { killRunningGroups },
      progress
    ] = await Promise.all([
      import("./run-UTGZB65H.js"),
      recordModule,
      import("./params-TSURDYA6.js"),
      processModule,
      import("./progress-LIVP3VJJ.js")
    ]);
    const overrides = (flags.set ?? []).map(parseOverride);
    const reporter = process.stderr.isTTY && !process.env.CI ? (await import("./progress-tty-M56FKNHN.js")).ttyReporter() : progress.lineReporter();
    const result = await whileInterruptible(
      reporter,
      killRunningGroups,
      async () => runPipeline({
        pipelineFile: file,
        targets: stages,
        jobs,
        force: flags.force,
        keepGoing: flags.keepGoing,
        single: flags.single,
        overrides,
        wait: flags.wait,
        onNotice: (message) => process.stderr.write(`cd4ml: ${message}
`),
        onEvent: (e) => reporter.onEvent(e),
        shells: await shells
      })
    );
    const { git, env } = await context;
    const record = await buildRunRecord(result, {
      overrides,
      git: recordedGit(git),
      env,
      ...ciContext()
    });
    const stored = await saveRunRecord(result.pipeline.root, record);
    await printOutcome(result, record, stored.dir);
    if (result.failures.length > 0) process.exitCode = EXIT.failed;
  } finally {
    (await shells).close();
  }
}
function parseRunFlags(stages, flags) {
  if (flags.single && stages.length === 0)
    throw new Cd4mlError("E_USAGE", "--single needs the stages to run", {
      hint: "e.g. cd4ml run --single train"
    });
  return { file: pipelineFileOption(flags.file), jobs: parseJobs(flags.jobs) };
}
async function whileInterruptible(reporter, killRunningGroups, run) {
  const interrupt = (signal) => {
    killRunningGroups();
    reporter.done();
    process.stderr.write(
      `cd4ml: interrupted by ${signal}; running stages were stopped and nothing they wrote was recorded (finished stages were)
`
    );
    process.exit(128 + (constants2.signals[signal] ?? 2));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  process.once("SIGHUP", interrupt);
  try {
    return await run();
  } finally {
    reporter.done();
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    process.off("SIGHUP", interrupt);
  }
}

// cli/commands/run.ts
function registerRun(program3) {
  program3.command("run").description(
    "Run the pipeline: stages whose cmd, deps, params or outs changed, in parallel, with a run-cache"
  ).argument(
    "[stages...]",
    "run only these stages and what they depend on (`train` selects every `train@\u2026`)"
  ).option("-f, --file <path>", "pipeline file (default: cd4ml.yaml, else dvc.yaml)").option(
    "-j, --jobs <n>",
    `stages to run at once (default: CPU count, ${availableParallelism3()})`
  ).option("--force", "run every selected stage, ignoring the lock and the run-cache").option(
    "--single",
    "run only the named stages, not what they depend on (their deps must be in place)"
  ).option(
    "-k, --keep-going",
    "after a failure, keep running every branch that does not depend on it"
  ).option(
    "-S, --set <key=value>",
    "override a param for this run (repeatable), e.g. --set train.C=0.5",
    (value, all) => [...all ?? [], value]
  ).option("--wait", "if another run holds this workspace, wait for it instead of exiting with 2").addHelpText(
    "after",
    "\nExit codes: 0 all stages succeeded, 1 a stage failed, 2 bad input or another run holds the workspace, 128+N stopped by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP)."
  ).action(runCommand);
}

// cli/commands/status.ts
var import_picocolors2 = __toESM(require_picocolors(), 1);
function registerStatus(program3) {
  program3.command("status").description(
    "Show which stages would run, and why (changed cmd, deps, params or outs), without running anything"
  ).argument("[stages...]", "only these stages and what they depend on").option("-f, --file <path>", "pipeline file (default: cd4ml.yaml, else dvc.yaml)").option("--json", "print machine-readable JSON").action(async (stages, flags) => {
    const { pipelineStatus } = await import("./status-O3IUAL2O.js");
    const status = await pipelineStatus(
      pipelineFileOption(flags.file),
      stages,
      (message) => process.stderr.write(`cd4ml: ${message}
`)
    );
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(status, null, 2)}
`);
      return;
    }
    const pending = status.filter((s) => s.action !== "unchanged");
    const label = {
      unchanged: import_picocolors2.default.dim("up to date"),
      restore: import_picocolors2.default.cyan("restorable from run-cache"),
      blocked: import_picocolors2.default.yellow("will run after upstream"),
      run: import_picocolors2.default.yellow("will run")
    };
    for (const s of status) {
      const why = s.reasons.length > 0 ? import_picocolors2.default.dim(` \u2014 ${s.reasons.join(", ")}`) : "";
      process.stdout.write(
        `${s.action === "unchanged" ? import_picocolors2.default.dim("\xB7") : import_picocolors2.default.yellow("\u25CF")} ${s.stage}: ${label[s.action]}${why}
`
      );
    }
    process.stdout.write(
      pending.length === 0 ? `
${import_picocolors2.default.green("Everything is up to date.")}
` : `
${pending.length} of ${status.length} stages would run or be restored. Run \`cd4ml run\`.
`
    );
  });
}

// cli/commands/shadow.ts
import { readFile as readFile4, writeFile } from "node:fs/promises";
async function readSummary(from, model) {
  if (/^https?:\/\//.test(from)) {
    const url = new URL(from);
    if (url.pathname === "/" || url.pathname === "")
      url.pathname = model === void 0 ? "/shadow" : `/shadow/${encodeURIComponent(model)}`;
    let res;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(1e4) });
    } catch (err) {
      throw new Cd4mlError("E_IO", `could not reach ${url.href}: ${err.message}`, {
        hint: "is the server running? start it with cd4ml serve --shadow <model>:<version>"
      });
    }
    if (res.status === 404 || res.status === 400)
      throw new Cd4mlError(
        "E_USAGE",
        `${url.href} has no shadow summary (${res.status}): ${await serverError(res)}`,
        {
          hint: "start the server with --shadow <model>:<version> or give the model a shadow: entry in its config.yaml; with several shadowed models, pass --model <name>"
        }
      );
    if (!res.ok) throw new Cd4mlError("E_IO", `${url.href} answered ${res.status}`);
    return res.json();
  }
  let text;
  try {
    text = await readFile4(from, "utf8");
  } catch (err) {
    throw new Cd4mlError("E_IO", `cannot read ${from}: ${err.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Cd4mlError("E_IO", `${from} is not JSON: ${err.message}`);
  }
}
async function serverError(res) {
  const text = await res.text();
  try {
    const { error } = JSON.parse(text);
    if (typeof error === "string") return error.slice(0, 300);
  } catch {
  }
  return text.slice(0, 300);
}
function registerShadow(program3) {
  const shadow = program3.command("shadow").description("Shadow traffic from cd4ml serve --shadow");
  shadow.command("report").description("Write the live-traffic report section (markdown) from a shadowing server").requiredOption(
    "--from <url|file>",
    "the server (http://host:port, reads /shadow) or a saved /shadow JSON"
  ).option("--model <name>", "the shadowed model to report on, when the server shadows several").option("-o, --out <file>", "write the markdown here instead of stdout").option("--json <file>", "also save the summary as JSON (for the compare action)").action(async (flags) => {
    const { parseShadowSummary } = await import("./summary-DFAH6QB4.js");
    const { renderShadowSection } = await import("./shadow-LAPPTTLB.js");
    const summary = parseShadowSummary(await readSummary(flags.from, flags.model), flags.from);
    const markdown = renderShadowSection(summary);
    if (flags.json) await writeFile(flags.json, `${JSON.stringify(summary, null, 2)}
`);
    if (flags.out) await writeFile(flags.out, markdown);
    else process.stdout.write(markdown);
  });
}

// cli/commands/ui.ts
import { existsSync as existsSync2 } from "node:fs";
import { join as join4, resolve as resolve8 } from "node:path";
import { fileURLToPath } from "node:url";
function registerUi(program3) {
  program3.command("ui").description(
    "Browse, compare and chart the runs in a local web UI (read-only), or export it as a static site"
  ).option("--host <address>", "address to listen on", "127.0.0.1").option("--port <n>", "port to listen on (0 picks a free one)", "5005").option("--root <dir>", "workspace root holding .cd4ml/runs", ".").option(
    "--export <dir>",
    "write the UI and its data as a static site (GitHub Pages) instead of serving it"
  ).action(async (flags) => {
    const root = resolve8(flags.root);
    const assets = assetsDir();
    if (flags.export !== void 0) {
      const { loadUiData } = await import("./site-SP24ZYK3.js");
      const { exportSite } = await import("./export-N4QPX2ZM.js");
      const data = await loadUiData(root);
      warnSkipped(data);
      const result = await exportSite(data, assets, flags.export);
      process.stderr.write(
        `cd4ml: exported ${result.runs} run(s) to ${flags.export} (${result.files} files); serve it with any static file server
`
      );
      return;
    }
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Cd4mlError(
        "E_USAGE",
        `--port must be a whole number from 0 to 65535, got "${flags.port}"`,
        {
          location: { file: "<command line>", field: "port" }
        }
      );
    }
    await serve(root, assets, flags.host, port);
  });
}
async function serve(root, assets, host, port) {
  const [{ createServer }, { uiHandler }, { readFile: readFile5 }] = await Promise.all([
    import("node:http"),
    import("./ui-server-JDKCQT7P.js"),
    import("node:fs/promises")
  ]);
  const load = storeLoader(root);
  const page = await readFile5(join4(assets, "index.html"), "utf8");
  const handler = uiHandler({ data: load, assets, page });
  load().catch(() => void 0);
  const server = createServer((request, response) => {
    handler(request, response).catch((error) => {
      if (!response.headersSent)
        response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(`cd4ml ui: ${error instanceof Error ? error.message : String(error)}
`);
    });
  });
  await new Promise((done, fail) => {
    server.once(
      "error",
      (error) => fail(
        new Cd4mlError(
          "E_USAGE",
          error.code === "EADDRINUSE" ? `port ${port} on ${host} is in use` : `cannot listen on ${host}:${port}: ${error.code ?? error.message}`,
          {
            location: { file: "<command line>", field: "port" },
            hint: "pass another --port (0 picks a free one), or stop what holds it"
          }
        )
      )
    );
    server.listen(port, host, done);
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  const shown = host.includes(":") ? `[${host}]` : host;
  process.stderr.write(`cd4ml: runs UI at http://${shown}:${bound}/ (read-only; Ctrl-C to stop)
`);
  await new Promise((done) => {
    const stop = () => {
      server.close(() => done());
      server.closeAllConnections();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
function storeLoader(root) {
  let data;
  let checking;
  const check = async () => {
    const [{ loadUiData }, { storeVersion }] = await Promise.all([
      import("./site-SP24ZYK3.js"),
      import("./store-version-PBUKTZ5B.js")
    ]);
    const version = await storeVersion(root);
    if (data?.version !== version)
      data = { version, runs: loadUiData(root).then((runs) => (warnSkipped(runs), runs)) };
    return data.runs;
  };
  return () => checking ??= check().finally(() => {
    checking = void 0;
  });
}
function warnSkipped(data) {
  const skipped = data.skipped();
  if (skipped.length === 0) return;
  const named = skipped.slice(0, 3).map((s) => `  ${s.path}: ${s.reason}
`);
  process.stderr.write(
    `cd4ml: left out ${skipped.length} run record(s) that are not valid:
${named.join("")}${skipped.length > 3 ? "  \u2026\n" : ""}  hint: repair each file, or delete its run directory; the other runs are shown
`
  );
}
function assetsDir() {
  for (const candidate of ["ui/", "../../dist/ui/"]) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync2(`${dir}index.html`) && existsSync2(`${dir}app.js`)) return dir;
  }
  throw new Cd4mlError("E_IO", "the UI bundle (dist/ui/) is missing", {
    hint: "build it: npm run build"
  });
}

// cli/commands/workflow-compile.ts
var import_picocolors3 = __toESM(require_picocolors(), 1);
import { mkdirSync, readFileSync as readFileSync2, writeFileSync } from "node:fs";
import { dirname as dirname2, relative as relative3, resolve as resolve9 } from "node:path";
async function workflowCommand(flags, version) {
  const retentionDays = parseRetention(flags.retentionDays);
  const { generateWorkflow } = await import("./generate-4CZVPF4Z.js");
  const toStdout = flags.out === "-";
  if (toStdout && flags.check)
    throw new Cd4mlError("E_USAGE", "--check needs the file to check, not --out -", {
      hint: "e.g. cd4ml workflow --check --out .github/workflows/cd4ml-pipeline.yml"
    });
  const generated = generateWorkflow({
    pipelineFile: pipelineFileOption(flags.file),
    ...flags.out !== void 0 && !toStdout ? { out: resolve9(flags.out) } : {},
    version,
    ...flags.cli !== void 0 ? { cli: flags.cli } : {},
    ...flags.branch !== void 0 ? { branch: flags.branch } : {},
    ...retentionDays !== void 0 ? { retentionDays } : {}
  });
  const shown = relative3(process.cwd(), generated.out) || generated.out;
  if (toStdout) {
    process.stdout.write(generated.text);
    return;
  }
  if (flags.check) {
    await checkWorkflow(generated, shown);
    return;
  }
  mkdirSync(dirname2(generated.out), { recursive: true });
  writeFileSync(generated.out, generated.text);
  process.stderr.write(
    `Wrote ${shown} (${(Buffer.byteLength(generated.text) / 1e3).toFixed(1)} KB). Commit it; CI can keep it current with \`${generated.command} --check\`.
`
  );
}
async function checkWorkflow(generated, shown) {
  let committed;
  try {
    committed = readFileSync2(generated.out, "utf8").replace(/\r\n/g, "\n");
  } catch {
    committed = void 0;
  }
  if (committed === generated.text) {
    process.stderr.write(`${import_picocolors3.default.green("\u2713")} ${shown} is up to date with the pipeline
`);
    return;
  }
  const { describeDifference } = await import("./render-A7GAZZPP.js");
  const details = committed === void 0 ? ["the file does not exist"] : describeDifference(committed, generated.text);
  process.stderr.write(
    `${import_picocolors3.default.red("\u2716")} ${shown} is stale: the pipeline compiles to a different workflow
${details.map((d) => `  ${d}
`).join("")}  fix: run \`${generated.command}\` from the repository root, and commit the file
`
  );
  process.exitCode = EXIT.failed;
}
function parseRetention(value) {
  if (value === void 0) return void 0;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 90)
    throw new Cd4mlError(
      "E_USAGE",
      `--retention-days must be a whole number from 1 to 90, got '${value}'`,
      {
        hint: "e.g. --retention-days 3"
      }
    );
  return days;
}

// cli/commands/workflow-jobs.ts
import { dirname as dirname3, relative as relative4, resolve as resolve10 } from "node:path";
async function fragmentJob(pipelineFile, stage, file) {
  const { buildFragment, writeFragment } = await import("./fragment-TXBTERFT.js");
  const fragment = buildFragment(dirname3(pipelineFile), stage);
  writeFragment(resolve10(file), fragment);
  process.stderr.write(`${stage}: ${fragment.result.status} \u2192 ${file}
`);
}
async function assembleJob(pipelineFile, set) {
  const [{ assembleRun }, { recordedGit: recordedGit2 }, { parseOverride }] = await Promise.all([
    import("./fragment-TXBTERFT.js"),
    import("./ci-context-HSRKJ5JJ.js"),
    import("./params-TSURDYA6.js")
  ]);
  const overrides = set.map(parseOverride);
  const { record, stored, missing } = await assembleRun(
    pipelineFile,
    (git) => recordedGit2(git),
    overrides
  );
  const counts = /* @__PURE__ */ new Map();
  for (const result of Object.values(record.stages))
    counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
  process.stderr.write(
    `Run ${record.status}: ${summary}. Run record: ${relative4(process.cwd(), stored) || stored}${missing.length > 0 ? `
  no job result for: ${missing.join(", ")}` : ""}
`
  );
  if (record.status !== "success") process.exitCode = EXIT.failed;
}

// cli/commands/workflow.ts
function registerWorkflow(program3) {
  const workflow = program3.command("workflow").description(
    "Compile the pipeline into a GitHub Actions workflow: one job per stage, outs as artifacts"
  ).option("-f, --file <path>", "pipeline file (default: cd4ml.yaml, else dvc.yaml)").option(
    "-o, --out <path>",
    "where to write it, or - for stdout (default: .github/workflows/cd4ml-pipeline.yml in the repository)"
  ).option(
    "--check",
    "write nothing; exit 1 when the file differs from what the pipeline compiles to"
  ).option("--branch <name>", "branch whose pushes run the workflow (default: main)").option("--cli <command>", "how jobs run cd4ml (default: npx --yes cd4ml@<this version>)").option("--retention-days <n>", "days GitHub keeps the stage-to-stage artifacts (default: 1)").addHelpText(
    "after",
    "\nExit codes: 0 written (or current with --check), 1 stale with --check, 2 bad input.\nSee docs/scale-out.md."
  ).action((flags) => workflowCommand(flags, program3.version() ?? "0.0.0"));
  const pipelineFile = () => pipelineFileOption(workflow.opts().file);
  workflow.command("fragment").description(
    "(a compiled workflow's stage job) write the stage's result and lock entry for the final job"
  ).argument("<stage>", "the stage the job ran").argument("<file>", "the fragment file to write").action((stage, file) => fragmentJob(pipelineFile(), stage, file));
  workflow.command("assemble").description(
    "(a compiled workflow's final job) merge the stage jobs' lock entries and write the run record"
  ).option(
    "-S, --set <key=value>",
    "the overrides the stage jobs ran with (repeatable): recorded in the run record",
    (value, all) => [...all ?? [], value]
  ).action((flags) => assembleJob(pipelineFile(), flags.set ?? []));
}

// cli/program.ts
function buildProgram(version) {
  const program3 = new Command("cd4ml").description(
    "Continuous delivery for machine learning: pipelines, tracking, gates and serving."
  ).version(version).showHelpAfterError("(run with --help for usage)").addHelpText("afterAll", EXIT_CODES_HELP).exitOverride();
  registerRun(program3);
  registerStatus(program3);
  registerGc(program3);
  registerDag(program3);
  registerHistory(program3);
  registerCompare(program3);
  registerRollback(program3);
  registerRecord(program3);
  registerReproduce(program3);
  registerWorkflow(program3);
  registerUi(program3);
  registerShadow(program3);
  return program3;
}
async function runProgram(program3, argv) {
  try {
    await program3.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof Cd4mlError) {
      process.stderr.write(`cd4ml: ${error.message}
`);
      return exitCodeOf(error.code);
    }
    if (isSystemError(error)) {
      process.stderr.write(
        `cd4ml: ${error.message}
  hint: the disk, a path or its permissions failed (${error.code}): fix that and run again
`
      );
      return EXIT.io;
    }
    process.stderr.write(
      `cd4ml: unexpected error (a bug in cd4ml: please report it with this output): ${error instanceof Error ? error.stack ?? error.message : String(error)}
`
    );
    return EXIT.internal;
  }
}

// serving/command.ts
import { readFileSync as readFileSync3, statSync as statSync2 } from "node:fs";
import { join as join6 } from "node:path";

// serving/available-cpus.ts
import { availableParallelism as availableParallelism4 } from "node:os";
var CGROUP_ROOT = "/sys/fs/cgroup";
var system = {
  readFile(path) {
    try {
      return readTextIfPresent(path);
    } catch {
      return void 0;
    }
  },
  availableParallelism: availableParallelism4
};
function upTo(root, dir) {
  const dirs = [];
  let d = dir.replace(/\/+$/, "");
  while (d.length >= root.length) {
    dirs.push(d);
    if (d === root) break;
    d = d.slice(0, d.lastIndexOf("/"));
  }
  return dirs;
}
function v2Limit(src, cgroupPath) {
  let best;
  for (const dir of upTo(CGROUP_ROOT, `${CGROUP_ROOT}${cgroupPath}`)) {
    const file = `${dir}/cpu.max`;
    const text = src.readFile(file)?.trim();
    const m = text ? /^(\d+)\s+(\d+)$/.exec(text) : null;
    if (!text || !m) continue;
    const cpus = Number(m[1]) / Number(m[2]);
    if (cpus > 0 && (!best || cpus < best.cpus)) best = { cpus, file, text };
  }
  return best;
}
function v1Limit(src, controllers, cgroupPath) {
  let best;
  for (const mount of [
    .../* @__PURE__ */ new Set([
      `${CGROUP_ROOT}/${controllers}`,
      `${CGROUP_ROOT}/cpu`,
      `${CGROUP_ROOT}/cpu,cpuacct`
    ])
  ]) {
    for (const dir of upTo(mount, `${mount}${cgroupPath}`)) {
      const quota = Number(src.readFile(`${dir}/cpu.cfs_quota_us`)?.trim());
      const period = Number(src.readFile(`${dir}/cpu.cfs_period_us`)?.trim());
      if (!(quota > 0 && period > 0)) continue;
      const cpus = quota / period;
      if (!best || cpus < best.cpus)
        best = { cpus, file: `${dir}/cpu.cfs_quota_us`, text: `${quota} ${period}` };
    }
    if (best) return best;
  }
  return best;
}
function cgroupCpuLimit(src = system) {
  const lines = (src.readFile("/proc/self/cgroup") ?? "").split("\n").filter(Boolean);
  let limit;
  for (const line of lines) {
    const first = line.indexOf(":");
    const second = line.indexOf(":", first + 1);
    if (first < 0 || second < 0) continue;
    const controllers = line.slice(first + 1, second);
    const path = line.slice(second + 1);
    const found = controllers === "" ? v2Limit(src, path) : controllers.split(",").includes("cpu") ? v1Limit(src, controllers, path) : void 0;
    if (found && (!limit || found.cpus < limit.cpus)) limit = found;
  }
  if (lines.length === 0) limit = v2Limit(src, "");
  return limit;
}
function availableCpus(src = system) {
  const parallelism = Math.max(1, src.availableParallelism());
  const limit = cgroupCpuLimit(src);
  if (limit && Math.floor(limit.cpus) < parallelism) {
    return {
      cpus: Math.max(1, Math.floor(limit.cpus)),
      source: `cgroup CPU limit ${limit.text} (${limit.file})`
    };
  }
  return { cpus: parallelism, source: `${parallelism} CPUs available (os.availableParallelism)` };
}

// serving/platforms.ts
import { readdirSync, statSync } from "node:fs";
import { join as join5 } from "node:path";
var SAGEMAKER_MODEL_DIR = "/opt/ml/model";
var isFile = (path) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
function entriesOf(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
function modelFileIn(dir, source) {
  if (isFile(join5(dir, "model.onnx"))) return join5(dir, "model.onnx");
  const files = entriesOf(dir).map((e) => e.name).filter((name) => name.endsWith(".onnx") && isFile(join5(dir, name))).sort();
  if (files.length > 1)
    throw new Cd4mlError(
      "E_USAGE",
      `${source} (${dir}) has several model files and no model.onnx: ${files.slice(0, 5).join(", ")}`,
      {
        hint: "register one .onnx file, name the one to serve model.onnx, or lay the directory out as <name>/<version>/model.onnx"
      }
    );
  return files.length === 1 ? join5(dir, files[0]) : void 0;
}
function modelIn(dir, source) {
  const top = modelFileIn(dir, source);
  if (top !== void 0) return top;
  const entries = entriesOf(dir);
  const only = entries.length === 1 && entries[0].isDirectory() ? entries[0].name : void 0;
  return (only !== void 0 ? modelFileIn(join5(dir, only), source) : void 0) ?? dir;
}
var ROUTE = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,500}$/;
function portFrom(name, value) {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n < 1 || n > 65535)
    throw new Cd4mlError("E_USAGE", `${name} must be a port from 1 to 65535, received '${value}'`);
  return n;
}
function route(name, value) {
  if (!ROUTE.test(value))
    throw new Cd4mlError(
      "E_USAGE",
      `${name} must be a URL path starting with '/', received '${value.slice(0, 64)}'`
    );
  return value;
}
function listFrom(name, value) {
  if (value === void 0 || value === "") return [];
  return value.split(",").map((r) => route(name, r.trim()));
}
function vertexStorage(uri) {
  if (uri === void 0 || uri === "") return {};
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(uri))
    return { repository: modelIn(uri, "AIP_STORAGE_URI") };
  return {
    note: `AIP_STORAGE_URI ${uri.slice(0, 200)} is not downloaded (only a local directory is read): serving the model baked into the image or named on the command line`
  };
}
function resolvePlatform(given, env) {
  const healthRoutes = [
    ...given.healthRoutes.map((r) => route("--health-route", r)),
    ...listFrom("CD4ML_HEALTH_ROUTE", env.CD4ML_HEALTH_ROUTE)
  ];
  const predictRoutes = [
    ...given.predictRoutes.map((r) => route("--predict-route", r)),
    ...listFrom("CD4ML_PREDICT_ROUTE", env.CD4ML_PREDICT_ROUTE)
  ];
  if (given.repository === "serve") {
    const port = env.SAGEMAKER_BIND_TO_PORT;
    return {
      platform: "sagemaker",
      // CD4ML_SAGEMAKER_MODEL_DIR: the same start-up outside SageMaker (local runs, tests).
      repository: modelIn(
        env.CD4ML_SAGEMAKER_MODEL_DIR ?? SAGEMAKER_MODEL_DIR,
        env.CD4ML_SAGEMAKER_MODEL_DIR ? "CD4ML_SAGEMAKER_MODEL_DIR" : "the SageMaker model directory"
      ),
      port: given.port ?? (port ? portFrom("SAGEMAKER_BIND_TO_PORT", port) : 8080),
      healthRoutes,
      predictRoutes
    };
  }
  if (env.AIP_HTTP_PORT !== void 0) {
    const storage = vertexStorage(env.AIP_STORAGE_URI);
    return {
      platform: "vertex",
      repository: given.repository ?? storage.repository,
      ...storage.note === void 0 ? {} : { note: storage.note },
      port: given.port ?? portFrom("AIP_HTTP_PORT", env.AIP_HTTP_PORT),
      healthRoutes: [...healthRoutes, ...listFrom("AIP_HEALTH_ROUTE", env.AIP_HEALTH_ROUTE)],
      predictRoutes: [...predictRoutes, ...listFrom("AIP_PREDICT_ROUTE", env.AIP_PREDICT_ROUTE)]
    };
  }
  if (env.AZUREML_MODEL_DIR !== void 0 && env.AZUREML_MODEL_DIR !== "") {
    return {
      platform: "azureml",
      repository: given.repository ?? modelIn(env.AZUREML_MODEL_DIR, "AZUREML_MODEL_DIR"),
      port: given.port,
      healthRoutes,
      predictRoutes
    };
  }
  return {
    platform: void 0,
    repository: given.repository,
    port: given.port,
    healthRoutes,
    predictRoutes
  };
}

// serving/serve-flags.ts
function shadowOf(flags) {
  if (flags.shadow === void 0) {
    if (flags.shadowRate !== "1")
      throw new Cd4mlError(
        "E_USAGE",
        `--shadow-rate ${flags.shadowRate.slice(0, 32)} needs --shadow <model>:<version> (a model's config.yaml shadow: entry takes rate: instead)`
      );
    return void 0;
  }
  const target = parseShadowTarget(flags.shadow);
  if (!target)
    throw new Cd4mlError(
      "E_USAGE",
      `--shadow must be <model>:<version>, e.g. iris:2, received '${flags.shadow.slice(0, 64)}'`
    );
  const rate = Number(flags.shadowRate);
  if (!/^\d*\.?\d+$/.test(flags.shadowRate) || rate > 1)
    throw new Cd4mlError(
      "E_USAGE",
      `--shadow-rate must be a fraction from 0 to 1, received '${flags.shadowRate}'`
    );
  return { ...target, rate };
}
function int(flag, value, min, max) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Cd4mlError(
      "E_USAGE",
      `${flag} must be an integer from ${min} to ${max}, received '${value}'`
    );
  }
  return n;
}
function workerCount(value) {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 256) {
    throw new Cd4mlError(
      "E_USAGE",
      `--workers must be 'auto' or an integer from 1 to 256, received '${value}'`
    );
  }
  return n;
}
function bytes(flag, value) {
  const m = /^(\d+)\s*(b|kb|mb|kib|mib)?$/i.exec(value.trim());
  if (!m)
    throw new Cd4mlError(
      "E_USAGE",
      `${flag} must be a size such as 8mb or 1048576, received '${value}'`
    );
  const unit = (m[2] ?? "b").toLowerCase();
  const factor = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 * 1024 : 1;
  return Number(m[1]) * factor;
}
var LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
function level(value) {
  if (!LEVELS.includes(value))
    throw new Cd4mlError(
      "E_USAGE",
      `--log-level must be one of ${LEVELS.join(", ")}, received '${value}'`
    );
  return value;
}
function serveOptionsOf(repository, flags, command) {
  const platform = resolvePlatform(
    {
      repository,
      port: command.getOptionValueSource("port") === "cli" ? int("--port", flags.port, 0, 65535) : void 0,
      healthRoutes: flags.healthRoute,
      predictRoutes: flags.predictRoute
    },
    process.env
  );
  const repo = platform.repository ?? process.env.MODEL_REPOSITORY;
  if (!repo) {
    throw new Cd4mlError("E_USAGE", "no model given", {
      hint: "cd4ml serve model.onnx, or cd4ml serve ./models (laid out as <name>/<version>/model.onnx)"
    });
  }
  const auto = flags.workers === "auto" ? availableCpus() : void 0;
  const workers = auto ? auto.cpus : workerCount(flags.workers);
  const port = platform.port ?? int("--port", flags.port, 0, 65535);
  const grpcPort = flags.grpcPort === void 0 ? void 0 : int("--grpc-port", flags.grpcPort, 0, 65535);
  if (grpcPort !== void 0 && grpcPort !== 0 && grpcPort === port) {
    const fromEnv = command.getOptionValueSource("grpcPort") !== "cli" && process.env.CD4ML_GRPC_PORT;
    const from = fromEnv ? " ($CD4ML_GRPC_PORT)" : "";
    throw new Cd4mlError("E_USAGE", `--grpc-port ${grpcPort}${from} is the REST port too`, {
      hint: `REST and gRPC each need a port of their own: give --grpc-port${from ? " or $CD4ML_GRPC_PORT" : ""} another one`
    });
  }
  return {
    repository: repo,
    port,
    host: flags.host,
    pollIntervalMs: int("--poll", flags.poll, 0, 36e5),
    settleMs: int("--settle", flags.settle, 0, 36e5),
    bodyLimit: bytes("--max-body", flags.maxBody),
    logLevel: level(flags.logLevel),
    accessLog: flags.accessLog ?? false,
    intraOpThreads: int("--intra-op-threads", flags.intraOpThreads, 1, 256),
    mlflowModel: flags.mlflowModel,
    modelName: flags.modelName,
    drainSeconds: int("--drain", flags.drain, 0, 3600),
    grpcPort,
    healthRoutes: platform.healthRoutes,
    predictRoutes: platform.predictRoutes,
    shadow: shadowOf(flags),
    platform: platform.platform,
    platformNote: platform.note,
    workers,
    workersSource: auto ? `--workers auto: ${auto.source}` : `--workers ${workers}`
  };
}

// serving/onnx-file.ts
import { closeSync, openSync, readSync } from "node:fs";
function onnxProblem(path, size) {
  if (size === 0) return "the file is empty";
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(16);
    let offset = 0;
    let graph = false;
    for (let fields = 0; offset < size; fields++) {
      if (fields > 1e5) return "it has too many top-level fields to be a model";
      const n = readSync(fd, buffer, 0, buffer.length, offset);
      const tag = varint(buffer, 0, n);
      if (!tag) return `byte ${offset} is not a protobuf field`;
      const field = Math.floor(tag.value / 8);
      const wire = tag.value % 8;
      const known = MODEL_FIELDS.get(field);
      if (field === 0 || (known ?? wire) !== wire || ![VARINT, FIXED64, LENGTH, FIXED32].includes(wire))
        return `byte ${offset} is not an ONNX ModelProto field (field ${field}, wire type ${wire})`;
      if (field === GRAPH) graph = true;
      let next;
      if (wire === VARINT) {
        const value = varint(buffer, tag.length, n);
        if (!value) return `the value at byte ${offset} is cut off`;
        next = offset + tag.length + value.length;
      } else if (wire === FIXED64 || wire === FIXED32) {
        next = offset + tag.length + (wire === FIXED64 ? 8 : 4);
      } else {
        const length = varint(buffer, tag.length, n);
        if (!length) return `the length at byte ${offset} is cut off`;
        next = offset + tag.length + length.length + length.value;
      }
      if (next > size) return `field ${field} at byte ${offset} runs past the end of the file`;
      offset = next;
    }
    return graph ? void 0 : "it has no graph";
  } finally {
    closeSync(fd);
  }
}
var VARINT = 0;
var FIXED64 = 1;
var LENGTH = 2;
var FIXED32 = 5;
var GRAPH = 7;
var MODEL_FIELDS = /* @__PURE__ */ new Map([
  [1, VARINT],
  // ir_version
  [2, LENGTH],
  // producer_name
  [3, LENGTH],
  // producer_version
  [4, LENGTH],
  // domain
  [5, VARINT],
  // model_version
  [6, LENGTH],
  // doc_string
  [GRAPH, LENGTH],
  // graph
  [8, LENGTH],
  // opset_import
  [14, LENGTH],
  // metadata_props
  [20, LENGTH],
  // training_info
  [25, LENGTH],
  // functions
  [26, LENGTH]
  // configuration
]);
function varint(buffer, start, end) {
  let value = 0;
  let scale = 1;
  for (let i = start; i < end && i < start + 10; i++) {
    const byte = buffer[i];
    value += (byte & 127) * scale;
    scale *= 128;
    if (byte < 128) return { value, length: i - start + 1 };
  }
  return void 0;
}

// serving/command.ts
var collect = (value, previous) => [...previous, value];
function checkModelPath(repo) {
  const stats = statSync2(repo, { throwIfNoEntry: false });
  if (!stats) {
    throw new Cd4mlError("E_USAGE", `${repo} does not exist`, {
      hint: "pass a model.onnx file or a directory laid out as <name>/<version>/model.onnx"
    });
  }
  if (!stats.isFile()) return;
  const problem = onnxProblem(repo, stats.size);
  if (problem) {
    throw new Cd4mlError("E_MODEL", `${repo} is not an ONNX model: ${problem}`, {
      hint: "export the model to ONNX (e.g. skl2onnx, torch.onnx.export) and serve the .onnx file"
    });
  }
}
function verifyManifest(repo, flag) {
  if (flag === void 0) return void 0;
  const file = flag === true ? join6(repo, RELEASE_MANIFEST_FILE) : flag;
  let text;
  try {
    text = readFileSync3(file, "utf8");
  } catch (error) {
    throw new Cd4mlError("E_USAGE", `--verify-models: cannot read ${file}`, {
      hint: `pass the release's ${RELEASE_MANIFEST_FILE} (--verify-models path/to/${RELEASE_MANIFEST_FILE}); the release action writes it at the root of the model repository`,
      cause: error
    });
  }
  return parseReleaseManifest(text, file);
}
function serveOptionTable() {
  return [
    ["-p, --port <port>", "port to listen on", process.env.PORT ?? "8501"],
    ["--host <host>", "address to bind", "0.0.0.0"],
    ["--poll <ms>", "hot-reload poll interval in ms (0 = off)", "2000"],
    [
      "--settle <ms>",
      "a new version directory must be unchanged this long before it loads",
      "1000"
    ],
    ["--max-body <size>", "largest request body (413 beyond)", "8mb"],
    [
      "--log-level <level>",
      "JSON log level: fatal, error, warn, info, debug, trace, silent",
      "info"
    ],
    ["--access-log", "log every request (two JSON lines each)"],
    ["--intra-op-threads <n>", "onnxruntime threads per session", "1"],
    ["--mlflow-model <name>", "the model /invocations scores when the repository has several"],
    ["--model-name <name>", "model name when serving a single file", "model"],
    [
      "--workers <n|auto>",
      "server processes sharing the port (node:cluster); auto = the CPUs this process may use (cgroup CPU limit, else CPU affinity); 1 = one process",
      process.env.CD4ML_WORKERS ?? "auto"
    ],
    [
      "--grpc-port <port>",
      "also serve gRPC on this port: KServe V2 GRPCInferenceService, TF Serving PredictionService and ModelService, health, reflection (off unless given)",
      process.env.CD4ML_GRPC_PORT
    ],
    [
      "--drain <seconds>",
      "after SIGTERM, report not ready and keep serving this long before closing",
      "0"
    ],
    [
      "--verify-models [manifest]",
      `load only model files whose sha256 the release manifest lists (default: <repository>/${RELEASE_MANIFEST_FILE})`
    ],
    [
      "--shadow <model:version>",
      "mirror requests to <model> to this candidate version, off the response path (agreement, latency and errors on /metrics and /shadow); a model config.yaml shadow: entry does the same"
    ],
    ["--shadow-rate <fraction>", "fraction of requests mirrored with --shadow", "1"],
    [
      "--health-route <path>",
      "also answer readiness on this GET path (Azure ML probes; Vertex AI sets AIP_HEALTH_ROUTE); repeatable",
      []
    ],
    [
      "--predict-route <path>",
      'also score {"instances": [...]} on this POST path (Azure ML scoring; Vertex AI sets AIP_PREDICT_ROUTE); repeatable',
      []
    ]
  ];
}
function registerServe(program3) {
  const serveCommand = program3.command("serve").description(
    "Serve ONNX models over TF Serving REST, KServe V2 and MLflow scoring APIs (one port), and KServe V2 / TF Serving gRPC with --grpc-port"
  ).argument(
    "[repository]",
    "a model.onnx file, or a directory <name>/<version>/model.onnx (default: $MODEL_REPOSITORY)"
  );
  for (const [flags, description, defaultValue] of serveOptionTable()) {
    if (Array.isArray(defaultValue)) serveCommand.option(flags, description, collect, defaultValue);
    else serveCommand.option(flags, description, defaultValue);
  }
  serveCommand.action(
    async (repository, flags, command) => {
      const options = serveOptionsOf(repository, flags, command);
      const repo = options.repository;
      checkModelPath(repo);
      const verify = verifyManifest(repo, flags.verifyModels);
      const { serve: serve2 } = await import("./server-QH3WV7RO.js");
      process.exitCode = await serve2({ ...options, verifyManifest: verify });
    }
  );
}

// bin/main.ts
process.env.ORT_DISABLE_TELEMETRY ??= "1";
ignoreClosedPipes([process.stdout, process.stderr]);
var program2 = buildProgram(true ? "0.1.0" : "0.0.0-dev");
registerServe(program2);
process.exitCode = await runProgram(program2, process.argv.slice(2));
//# sourceMappingURL=cd4ml.js.map
