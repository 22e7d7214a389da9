//! The command line: subcommands and flags as data, read with `lexopt`, and the help text.
//!
//! Every flag and subcommand carries its short and long documentation in [`FLAGS`] and
//! [`SUBCOMMANDS`]; `-h` prints the short docs and `--help` the long ones, both generated from
//! these tables, so the help can never forget a flag the parser knows. The table also says
//! which subcommands a flag applies to and whether it may be given more than once; the parser
//! reads both from it.
//!
//! Parsing rules (`lexopt` splits the words, this module judges them): flags may come
//! anywhere; a flag's value may follow it (`--jobs 4`, `-j 4`), be joined with `=` (`--jobs=4`)
//! or, for a short flag, be attached (`-j4`); `-` is a positional argument (standard input);
//! after `--` every argument is positional. A flag that does not apply to the subcommand, and a
//! one-value flag given twice, are errors naming it; `--ignore`, `--severity` and
//! `--ignore-finding` may repeat. Paths are kept as `OsString`s, so file names that are not
//! valid UTF-8 still work.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;

use lexopt::Arg;

use crate::error::Error;
use crate::input::Source;
use crate::width::str_width;
use nianbao::config::{Config, Setting};

/// How results are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// For people: rustc-style findings with the source line and a marker.
    #[default]
    Text,
    /// For programs: one JSON document per line.
    Json,
    /// For documents: the rule catalogue as a Markdown table (`rules` only).
    Markdown,
    /// For spreadsheets: one row per finding, UTF-8 with BOM, CRLF (`check` only).
    Csv,
    /// For spreadsheets: one row per file (`check` only).
    CsvSummary,
    /// For code review and CI: one SARIF 2.1.0 log for all files (`check` only).
    Sarif,
}

/// What the user asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Check reports.
    Check {
        sources: Vec<Source>,
        format: Format,
        /// The same body's report for the previous year, for the year-over-year rules.
        previous: Option<Source>,
        /// Rules and findings left out and severities changed on the command line.
        config: Config,
        /// How many files are checked at the same time; `None` for one per available core.
        jobs: Option<usize>,
    },
    /// List the rule catalogue.
    Rules { format: Format },
    /// Show one rule's documentation.
    Rule { id: String, format: Format },
    /// Print help; `long` for `--help`, short for `-h`.
    Help { long: bool },
    /// Print the version.
    Version,
}

/// Which flag a [`Flag`] entry describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FlagId {
    Format,
    Previous,
    Ignore,
    Severity,
    IgnoreFinding,
    Jobs,
    Help,
    Version,
}

/// One flag: its names, its value and its documentation.
struct Flag {
    id: FlagId,
    long: &'static str,
    short: Option<char>,
    /// The placeholder for the flag's value, for flags that take one.
    value: Option<&'static str>,
    /// The subcommands the flag applies to; empty for all.
    commands: &'static [&'static str],
    /// True when the flag may be given more than once (its values add up).
    repeats: bool,
    short_doc: &'static str,
    long_doc: &'static str,
}

/// Every flag nianbao knows.
const FLAGS: &[Flag] = &[
    Flag {
        id: FlagId::Format,
        long: "format",
        short: None,
        value: Some("<格式>"),
        commands: &["check", "rules", "rule"],
        repeats: false,
        short_doc: "输出格式：text（默认）、json、csv、csv-summary、sarif；rules 还可用 md",
        long_doc: "输出格式。text（默认）给人看：每个问题一段，列出位置、原文和标记，\
                   很长的行只显示问题附近约 100 列；同一规则在一个文件中超过 20 个问题时\
                   只列出前 20 个；检查多个文件时最后列出汇总表。\
                   json 给程序用：每个输入文件输出一行 JSON（JSON Lines），\
                   即检查结果加上 \"file\" 字段（标准输入为 \"-\"），列出全部问题，\
                   位置是解码后 UTF-8 文本中的字节偏移。\
                   csv 每个问题一行（文件、规则、级别、部分、行、列、说明、应为、现为），\
                   csv-summary 每个文件一行（文件、标题、年度、找到的部分、错误、警告、提示、\
                   读取失败的原因）；两者都是带 BOM 的 UTF-8、CRLF 换行，可直接用 Excel 或 WPS 打开。\
                   sarif 输出一份 SARIF 2.1.0 日志，供代码评审和持续集成工具使用。\
                   rules 和 rule 可用 text 和 json；rules 另可用 md，输出 Markdown 规则表\
                   （即 README 中的表）。",
    },
    Flag {
        id: FlagId::Previous,
        long: "previous",
        short: None,
        value: Some("<文件>"),
        commands: &["check"],
        repeats: false,
        short_doc: "同一机关上一年度的报告，用于两年衔接核对",
        long_doc: "同一机关上一年度的报告（格式与被检查的文件相同：文本、网页、.docx 或 PDF）。\
                   给出时另外核对：本年“上年结转”等于上一年“结转下年度继续办理”（逐列），\
                   第二部分现行有效件数与上一年衔接，第三部分是否与上一年逐格相同。",
    },
    Flag {
        id: FlagId::Ignore,
        long: "ignore",
        short: None,
        value: Some("<规则>"),
        commands: &["check"],
        repeats: true,
        short_doc: "不报告这些规则的问题，如 --ignore T003,A004",
        long_doc: "不报告这些规则的问题。多条规则用逗号分隔，也可多次给出。\
                   与被检查文件同一目录（或当前目录）下的 nianbao.toml 中的 ignore 设置一并生效。",
    },
    Flag {
        id: FlagId::Severity,
        long: "severity",
        short: None,
        value: Some("<规则=级别>"),
        commands: &["check"],
        repeats: true,
        short_doc: "改变规则的级别，如 --severity T002=error",
        long_doc: "改变规则的级别（error、warning 或 info），如 --severity T002=error；\
                   多条用逗号分隔，也可多次给出。退出码按改变后的级别计算。",
    },
    Flag {
        id: FlagId::IgnoreFinding,
        long: "ignore-finding",
        short: None,
        value: Some("<指纹>"),
        commands: &["check"],
        repeats: true,
        short_doc: "不报告某一条问题（按 JSON 输出中的 fingerprint）",
        long_doc: "不报告某一条已核实的问题，而不是整条规则：给出它在 JSON 输出中的 fingerprint。\
                   指纹由规则、说明和所指的原文算出，文中其他地方改动后不变。多个用逗号分隔。",
    },
    Flag {
        id: FlagId::Jobs,
        long: "jobs",
        short: Some('j'),
        value: Some("<数量>"),
        commands: &["check"],
        repeats: false,
        short_doc: "同时检查的文件数，默认为处理器核数",
        long_doc: "同时检查的文件数，默认为可用的处理器核数；--jobs 1 逐个检查。\
                   无论取多少，输出都按给出文件的顺序排列，与逐个检查的结果相同。\
                   标准错误是终端且文件多于一个时，在标准错误上显示进度（已完成、速度、剩余时间）；\
                   输出到管道或文件时不显示。",
    },
    Flag {
        id: FlagId::Help,
        long: "help",
        short: Some('h'),
        value: None,
        commands: &[],
        repeats: false,
        short_doc: "显示帮助（--help 显示详细说明）",
        long_doc: "显示帮助。-h 显示简要说明，--help 显示详细说明。",
    },
    Flag {
        id: FlagId::Version,
        long: "version",
        short: Some('V'),
        value: None,
        commands: &[],
        repeats: false,
        short_doc: "显示版本号",
        long_doc: "显示版本号。",
    },
];

/// One subcommand: its name, its arguments and its documentation.
struct Subcommand {
    name: &'static str,
    args: &'static str,
    short_doc: &'static str,
    long_doc: &'static str,
}

/// Every subcommand nianbao knows.
const SUBCOMMANDS: &[Subcommand] = &[
    Subcommand {
        name: "check",
        args: "[选项] <文件或目录>...",
        short_doc: "检查报告；目录按路径顺序逐级检查，文件写 - 时读取标准输入",
        long_doc: "检查一个或多个报告文件；文件写 - 时读取标准输入。\
                   给出目录时逐级检查其中的 .txt、.html、.htm、.docx 和 .pdf 文件，按路径排序；\
                   其他扩展名的文件不检查，在标准错误上说明跳过了几个。\
                   直接给出的文件不论扩展名都检查。\
                   可读取 Word 文档（.docx，按内容识别）、有文字层的 PDF（按内容识别，\
                   扫描件、加密文件和缺少字符对照表的字体会说明原因）和纯文本：UTF-8（可带 BOM）、\
                   带 BOM 的 UTF-16 和 GB18030/GBK 编码。\
                   旧版 .doc/.wps 请先另存为 .docx。",
    },
    Subcommand {
        name: "rules",
        args: "[选项]",
        short_doc: "列出全部检查规则",
        long_doc: "列出全部检查规则：编号、默认级别和标题。",
    },
    Subcommand {
        name: "rule",
        args: "<编号> [选项]",
        short_doc: "显示一条规则的完整说明",
        long_doc: "显示一条规则的完整说明：检查什么、为什么、依据的条款、错误示例、\
                   正确写法和修改方法。编号不区分大小写，例如 nianbao rule A001。",
    },
];

/// The exit codes, as the help describes them (the values themselves live in `main`).
const EXIT_CODES: &str = "退出码：0 没有发现错误；1 发现错误级问题；2 用法错误或无法读取输入";

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, Error> {
    let mut parser = lexopt::Parser::from_args(args);
    let mut read = Read::default();
    while let Some(arg) = parser.next().map_err(lexopt_error)? {
        let (flag, name) = match arg {
            Arg::Value(operand) => {
                read.positional.push(operand);
                continue;
            }
            Arg::Long(name) => (FLAGS.iter().find(|f| f.long == name), format!("--{name}")),
            Arg::Short(c) => (FLAGS.iter().find(|f| f.short == Some(c)), format!("-{c}")),
        };
        let flag = flag.ok_or_else(|| unknown_option(&name))?;
        read.flag(flag, &name, &mut parser)?;
    }
    if let Some(long) = read.help {
        return Ok(Command::Help { long });
    }
    if read.version {
        return Ok(Command::Version);
    }
    read.command()
}

/// What the command line says, gathered while parsing.
#[derive(Default)]
struct Read {
    /// The subcommand and its operands, in order.
    positional: Vec<OsString>,
    /// The flags given, in order, a repeated one each time.
    given: Vec<&'static Flag>,
    format: Option<Format>,
    previous: Option<Source>,
    config: Config,
    jobs: Option<usize>,
    /// `Some(true)` after `--help`, `Some(false)` after `-h` (the last one given wins).
    help: Option<bool>,
    version: bool,
}

impl Read {
    /// Reads `flag`, given as `name` (`--jobs`, `-j`), and its value if it takes one.
    fn flag(
        &mut self,
        flag: &'static Flag,
        name: &str,
        parser: &mut lexopt::Parser,
    ) -> Result<(), Error> {
        let again = self.given.iter().any(|g| g.id == flag.id);
        self.given.push(flag);
        if flag.value.is_none() {
            return self.switch(flag, name, parser);
        }
        if again && !flag.repeats {
            return Err(Error::Usage(format!(
                "选项 --{} 给出了两次，只能给出一次",
                flag.long
            )));
        }
        let value = parser
            .value()
            .map_err(|_| Error::Usage(format!("选项 --{} 需要一个取值", flag.long)))?;
        if flag.id == FlagId::Previous {
            self.previous = Some(source(value));
            return Ok(());
        }
        let value = value
            .into_string()
            .map_err(|_| Error::Usage(format!("选项 --{} 的取值不是有效的文本", flag.long)))?;
        let items = || value.split(',').map(str::trim).filter(|s| !s.is_empty());
        match flag.id {
            FlagId::Format => self.format = Some(parse_format(&value)?),
            FlagId::Jobs => self.jobs = Some(parse_jobs(&value)?),
            FlagId::Ignore => {
                let ids = items().map(str::to_ascii_uppercase);
                self.config.ignore.extend(ids);
            }
            FlagId::IgnoreFinding => {
                let fingerprints = items().map(String::from);
                self.config.ignore_findings.extend(fingerprints);
            }
            _ => {
                for item in items() {
                    self.config.severity.push(parse_severity_flag(item)?);
                }
            }
        }
        Ok(())
    }

    /// Reads a flag without a value (`--help`, `-V`): nothing may be joined to it, neither
    /// `--help=yes` nor the `V` of `-hV`.
    fn switch(
        &mut self,
        flag: &Flag,
        name: &str,
        parser: &mut lexopt::Parser,
    ) -> Result<(), Error> {
        let long = name.starts_with("--");
        if let Some(joined) = parser.optional_value() {
            return Err(if long {
                Error::Usage(format!("选项 {name} 不接受取值"))
            } else {
                unknown_option(&format!("{name}{}", joined.to_string_lossy()))
            });
        }
        match flag.id {
            FlagId::Help => self.help = Some(long),
            _ => self.version = true,
        }
        Ok(())
    }

    /// Builds the command from the subcommand, its operands and the flags.
    fn command(self) -> Result<Command, Error> {
        let format = self.format.unwrap_or_default();
        let sheet_or_log = matches!(format, Format::Csv | Format::CsvSummary | Format::Sarif);
        let mut positional = self.positional.into_iter();
        let Some(name) = positional.next() else {
            return Err(Error::Usage(
                "请给出子命令：check（检查报告）、rules（列出规则）或 rule（规则说明）".into(),
            ));
        };
        let operands: Vec<OsString> = positional.collect();
        let name = name.to_string_lossy();
        if let Some(sub) = SUBCOMMANDS.iter().find(|s| s.name == name) {
            let misplaced = self.given.iter().find(|f| !f.applies_to(sub.name));
            if let Some(flag) = misplaced {
                return Err(Error::Usage(format!(
                    "选项 --{} 不用于 {}，只用于 {}",
                    flag.long,
                    sub.name,
                    flag.commands.join("、")
                )));
            }
        }
        match name.as_ref() {
            "check" if operands.is_empty() => Err(Error::Usage(
                "请给出要检查的文件，或用 - 读取标准输入".into(),
            )),
            "check" if format == Format::Markdown => Err(Error::Usage(
                "check 的输出格式可选 text、json、csv、csv-summary 或 sarif；md 只用于 rules"
                    .into(),
            )),
            "check" => {
                let unknown = self.config.unknown_rules();
                if !unknown.is_empty() {
                    let place = |setting| match setting {
                        Setting::Ignore => "--ignore",
                        Setting::Severity => "--severity",
                    };
                    let which = crate::error::unknown_rules(&unknown, place);
                    return Err(Error::UnknownRules(which));
                }
                Ok(Command::Check {
                    sources: operands.into_iter().map(source).collect(),
                    format,
                    previous: self.previous,
                    config: self.config,
                    jobs: self.jobs,
                })
            }
            "rules" | "rule" if sheet_or_log => Err(Error::Usage(
                "rules 和 rule 的输出格式可选 text 或 json（rules 还可用 md）".into(),
            )),
            "rules" => match operands.first() {
                None => Ok(Command::Rules { format }),
                Some(extra) => Err(extra_operand(extra)),
            },
            "rule" => match operands.as_slice() {
                [id] => Ok(Command::Rule {
                    id: id.to_string_lossy().into_owned(),
                    format,
                }),
                [] => Err(Error::Usage(
                    "请给出规则编号，例如 nianbao rule A001".into(),
                )),
                [_, extra, ..] => Err(extra_operand(extra)),
            },
            "help" => Ok(Command::Help { long: true }),
            other => Err(Error::Usage(format!(
                "未知的子命令「{other}」；检查文件请用 nianbao check {other}"
            ))),
        }
    }
}

impl Flag {
    /// True when the flag may be given to subcommand `name`.
    fn applies_to(&self, name: &str) -> bool {
        self.commands.is_empty() || self.commands.contains(&name)
    }
}

/// The most files checked at the same time.
const MAX_JOBS: usize = 256;

/// `--jobs 4`: a whole number from 1 to [`MAX_JOBS`].
fn parse_jobs(value: &str) -> Result<usize, Error> {
    match value.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_JOBS).contains(&n) => Ok(n),
        _ => Err(Error::Usage(format!(
            "--jobs 的取值「{value}」应为 1 到 {MAX_JOBS} 之间的整数"
        ))),
    }
}

/// `T002=error`.
fn parse_severity_flag(item: &str) -> Result<(String, nianbao::report::Severity), Error> {
    let bad = || {
        Error::Usage(format!(
            "--severity 的取值「{item}」应为 规则=级别，如 T002=error"
        ))
    };
    let (id, level) = item.split_once('=').ok_or_else(bad)?;
    let level = nianbao::config::parse_severity(level.trim()).ok_or_else(bad)?;
    Ok((id.trim().to_ascii_uppercase(), level))
}

fn parse_format(value: &str) -> Result<Format, Error> {
    match value {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        "md" | "markdown" => Ok(Format::Markdown),
        "csv" => Ok(Format::Csv),
        "csv-summary" => Ok(Format::CsvSummary),
        "sarif" => Ok(Format::Sarif),
        _ => Err(Error::Usage(format!(
            "不支持的输出格式「{value}」，可选 text、json、csv、csv-summary、sarif（rules 还可用 md）"
        ))),
    }
}

fn unknown_option(name: &str) -> Error {
    Error::Usage(format!("未知的选项「{name}」"))
}

/// `lexopt`'s own errors, in Chinese. The parser above consumes every value it is handed, so
/// these are not expected; they are worded all the same.
fn lexopt_error(err: lexopt::Error) -> Error {
    Error::Usage(match err {
        lexopt::Error::MissingValue {
            option: Some(option),
        } => format!("选项 {option} 需要一个取值"),
        lexopt::Error::UnexpectedValue { option, .. } => format!("选项 {option} 不接受取值"),
        lexopt::Error::UnexpectedOption(option) => format!("未知的选项「{option}」"),
        other => format!("无法读取命令行：{other}"),
    })
}

fn source(arg: OsString) -> Source {
    if arg == "-" {
        Source::Stdin
    } else {
        Source::Path(PathBuf::from(arg))
    }
}

fn extra_operand(extra: &OsString) -> Error {
    Error::Usage(format!("多余的参数「{}」", extra.to_string_lossy()))
}

/// The help text: short (`-h`) or long (`--help`), generated from the tables above.
pub fn help(long: bool) -> String {
    let mut out = format!(
        "nianbao {}：检查政府信息公开工作年度报告是否符合国办公开办函〔2021〕30号规定的格式\n\n用法：\n",
        nianbao::VERSION
    );
    let usages: Vec<Entry> = SUBCOMMANDS
        .iter()
        .map(|s| Entry {
            left: format!("nianbao {} {}", s.name, s.args),
            short_doc: s.short_doc,
            long_doc: s.long_doc,
            note: None,
        })
        .collect();
    write_entries(&mut out, &usages, long);
    out.push_str("\n选项：\n");
    let flags: Vec<Entry> = FLAGS
        .iter()
        .map(|f| {
            let short = f.short.map_or("    ".to_string(), |c| format!("-{c}, "));
            let value = f.value.map_or(String::new(), |v| format!(" {v}"));
            let restricted = SUBCOMMANDS.iter().any(|s| !f.applies_to(s.name));
            Entry {
                left: format!("{short}--{}{value}", f.long),
                short_doc: f.short_doc,
                long_doc: f.long_doc,
                note: restricted.then(|| format!("只用于 {}。", f.commands.join("、"))),
            }
        })
        .collect();
    write_entries(&mut out, &flags, long);
    out.push('\n');
    out.push_str(EXIT_CODES);
    out.push('\n');
    out
}

/// One line of the short help, or one paragraph of the long help.
struct Entry {
    /// The usage or the flag with its value.
    left: String,
    short_doc: &'static str,
    long_doc: &'static str,
    /// A line after the long doc (the subcommands a flag is for).
    note: Option<String>,
}

/// Writes entries: aligned columns, or the long docs indented under each entry.
fn write_entries(out: &mut String, entries: &[Entry], long: bool) {
    let column = entries
        .iter()
        .map(|e| str_width(&e.left))
        .max()
        .unwrap_or(0)
        + 3;
    for entry in entries {
        let left = &entry.left;
        if long {
            let _ = writeln!(out, "  {left}");
            for line in wrap(entry.long_doc, WRAP_WIDTH).iter().chain(&entry.note) {
                let _ = writeln!(out, "        {line}");
            }
        } else {
            let pad = " ".repeat(column - str_width(left));
            let _ = writeln!(out, "  {left}{pad}{}", entry.short_doc);
        }
    }
}

/// The width long docs are wrapped to, after their indent.
const WRAP_WIDTH: usize = 72;

/// Splits `text` into lines of at most `width` columns, breaking between CJK characters or
/// before runs of ASCII, never inside an ASCII word; closing punctuation may hang one column
/// past `width` rather than start a line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_graphic() {
            rest.find(|c: char| !c.is_ascii_graphic())
                .unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        let (token, tail) = rest.split_at(len);
        rest = tail;
        let line = lines.last_mut().expect("lines is never empty");
        // Closing punctuation stays at the end of its line, as Chinese typesetting wants.
        let closing = token.chars().all(|c| "，。；：、）」』”！？".contains(c));
        if !line.is_empty() && !closing && str_width(line) + str_width(token) > width {
            lines.push(token.trim_start().to_string());
        } else {
            line.push_str(token);
        }
    }
    lines.iter().map(|l| l.trim_end().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Command, Error> {
        parse(args.iter().map(OsString::from))
    }

    fn usage_error(args: &[&str]) -> String {
        match parse_strs(args) {
            Err(Error::Usage(why)) => why,
            other => panic!("expected a usage error for {args:?}, got {other:?}"),
        }
    }

    #[test]
    fn check_with_files_stdin_and_format() {
        let check = |sources, format, previous| Command::Check {
            sources,
            format,
            previous,
            config: Config::default(),
            jobs: None,
        };
        let cmd = parse_strs(&["check", "a.txt", "--format=json", "-"]).unwrap();
        let sources = vec![Source::Path("a.txt".into()), Source::Stdin];
        assert_eq!(cmd, check(sources, Format::Json, None));
        let cmd = parse_strs(&["--format", "text", "check", "--", "-x"]).unwrap();
        let sources = vec![Source::Path("-x".into())];
        assert_eq!(cmd, check(sources, Format::Text, None));
        let cmd = parse_strs(&["check", "--previous", "2022.txt", "2023.txt"]).unwrap();
        let sources = vec![Source::Path("2023.txt".into())];
        let previous = Some(Source::Path("2022.txt".into()));
        assert_eq!(cmd, check(sources, Format::Text, previous));
    }

    #[test]
    fn configuration_flags() {
        let args = [
            "check",
            "--ignore",
            "t003,A004",
            "--severity=T002=error",
            "--ignore-finding",
            "00ff",
            "a",
        ];
        let Command::Check { config, .. } = parse_strs(&args).unwrap() else {
            panic!("a check command")
        };
        assert_eq!(config.ignore, ["T003", "A004"]);
        let error = nianbao::report::Severity::Error;
        assert_eq!(config.severity, [("T002".to_string(), error)]);
        assert_eq!(config.ignore_findings, ["00ff"]);
        assert!(usage_error(&["check", "--severity", "T002", "a"]).contains("规则=级别"));
        let unknown = |args: &[&str]| match parse_strs(args) {
            Err(Error::UnknownRules(which)) => which,
            other => panic!("expected unknown rules for {args:?}, got {other:?}"),
        };
        let which = unknown(&["check", "--ignore", "S013,T0003", "a"]);
        assert_eq!(which, "--ignore：未知的规则「T0003」，是否为「T003」？");
        let which = unknown(&["check", "--severity", "Z999=error", "a"]);
        assert_eq!(which, "--severity：未知的规则「Z999」");
    }

    #[test]
    fn rules_rule_help_and_version() {
        let format = Format::Text;
        assert_eq!(parse_strs(&["rules"]).unwrap(), Command::Rules { format });
        let id = "a001".to_string();
        assert_eq!(
            parse_strs(&["rule", "a001"]).unwrap(),
            Command::Rule { id, format }
        );
        assert_eq!(
            parse_strs(&["check", "-h"]).unwrap(),
            Command::Help { long: false }
        );
        assert_eq!(
            parse_strs(&["--help"]).unwrap(),
            Command::Help { long: true }
        );
        assert_eq!(parse_strs(&["-V"]).unwrap(), Command::Version);
    }

    #[test]
    fn usage_errors_say_what_is_wrong() {
        assert!(usage_error(&[]).contains("子命令"));
        assert!(usage_error(&["check"]).contains("文件"));
        assert!(usage_error(&["check", "--format", "xml", "a"]).contains("xml"));
        assert!(usage_error(&["check", "a", "--format"]).contains("--format"));
        assert!(usage_error(&["check", "--frob", "a"]).contains("--frob"));
        assert!(usage_error(&["check", "-hV", "a"]).contains("-hV"));
        assert!(usage_error(&["--help=yes"]).contains("--help"));
        assert!(usage_error(&["report.txt"]).contains("nianbao check report.txt"));
        assert!(usage_error(&["rules", "x"]).contains("x"));
        assert!(usage_error(&["rule"]).contains("编号"));
        assert!(usage_error(&["check", "--jobs", "0", "a"]).contains("--jobs"));
        assert!(usage_error(&["check", "-j", "x", "a"]).contains("「x」"));
        assert!(usage_error(&["rules", "--format", "sarif"]).contains("text 或 json"));
    }

    #[test]
    fn jobs_and_the_new_formats() {
        let Command::Check { jobs, format, .. } =
            parse_strs(&["check", "-j", "4", "--format=sarif", "d"]).unwrap()
        else {
            panic!("a check command")
        };
        assert_eq!((jobs, format), (Some(4), Format::Sarif));
        for (name, want) in [("csv", Format::Csv), ("csv-summary", Format::CsvSummary)] {
            let Command::Check { format, jobs, .. } =
                parse_strs(&["check", "--jobs=1", "--format", name, "d"]).unwrap()
            else {
                panic!("a check command")
            };
            assert_eq!((format, jobs), (want, Some(1)));
        }
    }

    #[test]
    fn jobs_in_every_spelling() {
        for args in [
            &["check", "-j4", "d"][..],
            &["check", "-j", "4", "d"][..],
            &["check", "--jobs=4", "d"][..],
            &["check", "--jobs", "4", "d"][..],
            &["-j=4", "check", "d"][..],
        ] {
            let Command::Check { jobs, sources, .. } = parse_strs(args).unwrap() else {
                panic!("a check command for {args:?}")
            };
            assert_eq!(
                (jobs, sources),
                (Some(4), vec![Source::Path("d".into())]),
                "{args:?}"
            );
        }
    }

    #[test]
    fn a_one_value_flag_twice_is_an_error_a_list_flag_adds_up() {
        let twice = usage_error(&["check", "--previous", "a", "--previous=b", "c"]);
        assert!(twice.contains("--previous 给出了两次"), "{twice}");
        let twice = usage_error(&["check", "-j2", "--jobs", "3", "c"]);
        assert!(twice.contains("--jobs 给出了两次"), "{twice}");
        let twice = usage_error(&["--format", "json", "rules", "--format", "md"]);
        assert!(twice.contains("--format 给出了两次"), "{twice}");
        let args = ["check", "--ignore", "T003", "--ignore=A004,S013", "c"];
        let Command::Check { config, .. } = parse_strs(&args).unwrap() else {
            panic!("a check command")
        };
        assert_eq!(config.ignore, ["T003", "A004", "S013"]);
        assert!(matches!(
            parse_strs(&["-h", "--help", "-h"]),
            Ok(Command::Help { long: false })
        ));
    }

    #[test]
    fn a_flag_for_another_subcommand_is_an_error_naming_it() {
        for (args, flag, sub) in [
            (&["--jobs", "3", "rules"][..], "--jobs", "rules"),
            (
                &["rule", "A001", "--previous", "x"][..],
                "--previous",
                "rule",
            ),
            (&["rules", "--ignore", "T003"][..], "--ignore", "rules"),
            (
                &["rules", "--severity=T002=error"][..],
                "--severity",
                "rules",
            ),
            (
                &["rules", "--ignore-finding", "00ff"][..],
                "--ignore-finding",
                "rules",
            ),
        ] {
            let why = usage_error(args);
            assert_eq!(
                why,
                format!("选项 {flag} 不用于 {sub}，只用于 check"),
                "{args:?}"
            );
        }
        // --format applies to all three; --help and --version to any.
        assert!(parse_strs(&["rule", "A001", "--format", "json"]).is_ok());
        assert!(parse_strs(&["rules", "-V"]).is_ok());
    }

    #[test]
    fn operands_that_look_like_flags_and_paths_that_are_not_utf8() {
        let cmd = parse_strs(&["check", "--", "--jobs", "-"]).unwrap();
        let Command::Check { sources, jobs, .. } = cmd else {
            panic!("a check command")
        };
        let want = vec![Source::Path("--jobs".into()), Source::Stdin];
        assert_eq!((sources, jobs), (want, None));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let odd = OsString::from_vec(b"\xff.txt".to_vec());
            let args = [
                "check".into(),
                "--previous".into(),
                odd.clone(),
                odd.clone(),
            ];
            let Command::Check {
                sources, previous, ..
            } = parse(args).unwrap()
            else {
                panic!("a check command")
            };
            assert_eq!(sources, [Source::Path(odd.clone().into())]);
            assert_eq!(previous, Some(Source::Path(odd.into())));
        }
    }

    #[test]
    fn wrap_breaks_between_cjk_characters_but_not_inside_words() {
        let lines = wrap("检查报告 format json 输出", 10);
        assert_eq!(lines, ["检查报告", "format", "json 输出"]);
        assert!(lines.iter().all(|l| str_width(l) <= 10));
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("一二三四五。六", 10), ["一二三四五。", "六"]);
    }

    #[test]
    fn help_documents_every_flag_and_subcommand() {
        let (short, long) = (help(false), help(true));
        for flag in FLAGS {
            assert!(short.contains(&format!("--{}", flag.long)) && short.contains(flag.short_doc));
            assert!(long.contains(&wrap(flag.long_doc, WRAP_WIDTH)[0]));
        }
        let check_only = FLAGS.iter().filter(|f| f.commands == ["check"]).count();
        assert_eq!(long.matches("只用于 check。").count(), check_only);
        for sub in SUBCOMMANDS {
            assert!(short.contains(&format!("nianbao {}", sub.name)));
            assert!(long.contains(&wrap(sub.long_doc, WRAP_WIDTH)[0]));
        }
    }
}
