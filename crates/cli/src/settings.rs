//! A team's settings file, `nianbao.toml`: found next to each checked file (or in the current
//! directory), read with the `toml` crate into [`TeamFile`], and turned into the core's
//! [`Config`]. The command line's own flags are added after it (`main`).
//!
//! Any TOML a person would write is read — multi-line arrays, 'literal' and "basic" strings,
//! quoted keys, spaces in a `[ severity ]` header, comments anywhere — and everything else is
//! an error that names the file, the line and what is wrong, in Chinese: a key that is not a
//! setting, a value of the wrong kind, a level that is not a level, a rule id that names no
//! rule (`Config::unknown_rules`, as for the flags). Nothing is ignored quietly.
//!
//! ```toml
//! ignore = ["T003", "A004"]          # rules
//! ignore-findings = ["3f2a9c0d1e4b5a67"]
//! [severity]
//! T002 = "error"
//! ```

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use nianbao::config::{Config, Setting};
use nianbao::report::Severity;
use serde::Deserialize;

use crate::error::{self, Error};
use crate::input::Source;

/// The team settings file looked for next to each checked file.
pub const TEAM_FILE: &str = "nianbao.toml";

/// The settings of `nianbao.toml` in the directory of `source`, else in the current directory;
/// none when there is no such file. A file that exists but cannot be read, or does not hold
/// valid settings, is an error naming it.
pub fn team_config(source: &Source) -> Result<Config, Error> {
    let beside = match source {
        Source::Path(path) => path.parent().map(|d| d.join(TEAM_FILE)),
        Source::Stdin => None,
    };
    let candidates = beside.into_iter().chain([PathBuf::from(TEAM_FILE)]);
    for path in candidates {
        let bad = |why: String| Error::Config {
            name: path.display().to_string(),
            why,
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
            Err(err) => return Err(bad(unreadable(&path, &err))),
        };
        return read(&text).map_err(bad);
    }
    Ok(Config::default())
}

/// Why a settings file that exists could not be read.
fn unreadable(path: &Path, err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::InvalidData => "不是 UTF-8 编码的文本，请用记事本等「另存为」UTF-8".into(),
        io::ErrorKind::PermissionDenied => "没有权限读取".into(),
        _ if path.is_dir() => "是一个目录，应为文件".into(),
        _ => format!("无法读取：{err}"),
    }
}

/// What `nianbao.toml` may hold. Keys are kebab-case; `ignore_findings` is also read, as the
/// settings files written for earlier versions may spell it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TeamFile {
    /// Rule ids whose findings are not reported.
    #[serde(default)]
    ignore: Vec<String>,
    /// Fingerprints of single findings not reported.
    #[serde(default, alias = "ignore_findings")]
    ignore_findings: Vec<String>,
    /// Rule id → the level to report it at (`[severity]`).
    #[serde(default)]
    severity: BTreeMap<String, Level>,
}

/// A level as written in `[severity]`: `"error"`, `"warning"` or `"info"`, in any case.
#[derive(Debug, Deserialize)]
#[serde(try_from = "String")]
struct Level(Severity);

impl TryFrom<String> for Level {
    type Error = String;

    fn try_from(text: String) -> Result<Level, String> {
        nianbao::config::parse_severity(&text)
            .map(Level)
            .ok_or_else(|| format!("级别「{text}」应为 \"error\"、\"warning\" 或 \"info\""))
    }
}

/// The settings in `text`, or what is wrong with them (with the line and column).
fn read(text: &str) -> Result<Config, String> {
    // Notepad writes a BOM; it is not part of the settings.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let file: TeamFile = toml::from_str(text).map_err(|err| explain(&err, text))?;
    let mut config = Config {
        ignore: file
            .ignore
            .iter()
            .map(|id| id.to_ascii_uppercase())
            .collect(),
        severity: Vec::new(),
        ignore_findings: file.ignore_findings,
    };
    for (id, Level(level)) in file.severity {
        let id = id.to_ascii_uppercase();
        if config.severity.iter().any(|(seen, _)| *seen == id) {
            return Err(format!("[severity] 中规则「{id}」的级别写了两次"));
        }
        config.severity.push((id, level));
    }
    let unknown = config.unknown_rules();
    if !unknown.is_empty() {
        let place = |setting| match setting {
            Setting::Ignore => "ignore",
            Setting::Severity => "[severity]",
        };
        let which = error::unknown_rules(&unknown, place);
        return Err(format!("{which}\n运行 nianbao rules 查看全部规则"));
    }
    Ok(config)
}

/// A `toml` error in Chinese, at its line and column when it has a place.
fn explain(err: &toml::de::Error, text: &str) -> String {
    let what = chinese(err.message());
    match err.span() {
        Some(span) => {
            let (line, column) = position(text, span.start);
            format!("第{line}行第{column}列：{what}")
        }
        None => what,
    }
}

/// The line and column (from 1, in characters) of byte `at` in `text`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at.min(text.len())).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
    (before.matches('\n').count() + 1, column)
}

/// What `toml` and serde say, in Chinese. serde's messages for unknown keys and values of the
/// wrong kind have a fixed form, and the mistakes people make most in TOML have a fixed text;
/// for any other syntax error, `toml`'s own words follow a Chinese lead.
fn chinese(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return format!("未知的设置「{key}」，可用的设置为 ignore、ignore-findings 和 [severity]");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        let kind = match expected {
            "a sequence" => "列表，如 [\"S013\"]",
            "a string" => "加引号的文字，如 \"S013\" 或 \"error\"",
            "a map" => "小节 [severity]，其中每行如 T002 = \"error\"",
            _ => "其他类型",
        };
        return format!("取值的类型不对，应为{kind}");
    }
    // Our own messages (a level that is not a level) are Chinese already.
    if !message.is_ascii() {
        return message.to_string();
    }
    let known = [
        (
            "string values must be quoted",
            "文字取值要加引号，如 \"error\"",
        ),
        ("duplicate key", "同一个设置写了两次"),
        ("unclosed array", "列表缺少结尾的 ]"),
        (
            "missing comma between array elements",
            "列表的各项之间缺少逗号",
        ),
        ("unclosed table", "小节标题缺少结尾的 ]"),
    ];
    match known
        .iter()
        .find(|(english, _)| message.starts_with(english))
    {
        Some((_, zh)) => (*zh).to_string(),
        None => format!("不是有效的 TOML 写法（{}）", message.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        read(text).unwrap_or_else(|why| panic!("{text:?}: {why}"))
    }

    fn error(text: &str) -> String {
        match read(text) {
            Err(why) => why,
            Ok(config) => panic!("{text:?} read as {config:?}"),
        }
    }

    #[test]
    fn a_team_file() {
        let text = "# 我们的设置\nignore = [\"t003\", \"A004\"]\nignore-findings = [\"00ff\"]\n\n[severity]\nT002 = \"error\" # 行名称必须一致\n";
        let c = config(text);
        assert_eq!(c.ignore, ["T003", "A004"]);
        assert_eq!(c.ignore_findings, ["00ff"]);
        assert_eq!(c.severity, [("T002".to_string(), Severity::Error)]);
        assert_eq!(config("").ignore, Vec::<String>::new());
        assert_eq!(
            config("ignore_findings = ['00ff']").ignore_findings,
            ["00ff"]
        );
    }

    /// The forms the hand-written subset refused or ignored: each now takes effect.
    #[test]
    fn real_toml_forms_take_effect() {
        let multi_line = "ignore = [\n  \"S013\",  # 本单位不涉及\n  \"T003\",\n]\n";
        assert_eq!(config(multi_line).ignore, ["S013", "T003"]);
        assert_eq!(config("ignore = ['S013']").ignore, ["S013"]);
        let quoted_key = "[severity]\n\"S008\" = \"error\"\n";
        assert_eq!(
            config(quoted_key).severity,
            [("S008".into(), Severity::Error)]
        );
        let spaced = "[ severity ]\nT002 = 'INFO'\n";
        assert_eq!(config(spaced).severity, [("T002".into(), Severity::Info)]);
        let inline = "severity = { T002 = \"warning\" }";
        assert_eq!(
            config(inline).severity,
            [("T002".into(), Severity::Warning)]
        );
        let bom = "\u{FEFF}ignore = [\"S013\"]";
        assert_eq!(config(bom).ignore, ["S013"]);
    }

    #[test]
    fn mistakes_are_said_in_chinese_with_their_place() {
        let unknown = error("ignore = []\ncolour = [\"red\"]\n");
        assert!(
            unknown.starts_with("第2行第1列：未知的设置「colour」"),
            "{unknown}"
        );
        let section = error("[Severity]\nT002 = \"error\"\n");
        assert!(section.contains("未知的设置「Severity」"), "{section}");
        let level = error("[severity]\nT002 = \"loud\"");
        assert!(
            level.starts_with("第2行") && level.contains("级别「loud」"),
            "{level}"
        );
        let bare = error("[severity]\nT002 = error");
        assert!(bare.starts_with("第2行第8列：文字取值要加引号"), "{bare}");
        let not_a_list = error("ignore = \"S013\"");
        assert!(not_a_list.contains("应为列表"), "{not_a_list}");
        let not_text = error("ignore = [13]");
        assert!(not_text.contains("应为加引号的文字"), "{not_text}");
        let rules = error("ignore = [\"T0003\", \"S013\"]\n[severity]\nQ001 = \"error\"\n");
        assert!(
            rules.starts_with(
                "ignore：未知的规则「T0003」，是否为「T003」？；[severity]：未知的规则「Q001」"
            ),
            "{rules}"
        );
        let twice = error("[severity]\nT002 = \"error\"\nt002 = \"info\"\n");
        assert!(twice.contains("「T002」的级别写了两次"), "{twice}");
        let duplicate = error("ignore = []\nignore = []\n");
        assert!(duplicate.starts_with("第2行"), "{duplicate}");
        let syntax = error("ignore = [\"S013\"");
        assert!(syntax.contains("第1行"), "{syntax}");
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position("ab\n中文x", 9), (2, 3));
        assert_eq!(position("", 5), (1, 1));
    }
}
