//! What a user or a team turns off or changes: rules ignored, severities changed, single
//! findings ignored by their fingerprint.
//!
//! A fingerprint names one finding so that it survives edits elsewhere in the text: it is made
//! from the rule, the message and the text the finding points at — never from positions — plus,
//! when identical findings occur, which one of them it is. The page, the CLI and a team's
//! `nianbao.toml` use the same fingerprints.
//!
//! `nianbao.toml` is read here too, in the small subset of TOML it needs:
//!
//! ```toml
//! ignore = ["T003", "A004"]          # rules
//! ignore-findings = ["3f2a9c0d1e4b5a67"]
//! [severity]
//! T002 = "error"
//! ```

use crate::report::{Diagnostic, Severity};

/// Rules and findings turned off, and severities changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Rule ids whose findings are not reported.
    pub ignore: Vec<String>,
    /// Rule ids with the severity to report them at.
    pub severity: Vec<(String, Severity)>,
    /// Fingerprints of single findings not reported.
    pub ignore_findings: Vec<String>,
}

impl Config {
    /// Nothing changed (usable in constants).
    pub const NONE: Config = Config {
        ignore: Vec::new(),
        severity: Vec::new(),
        ignore_findings: Vec::new(),
    };

    /// True when nothing is changed.
    pub fn is_empty(&self) -> bool {
        self.ignore.is_empty() && self.severity.is_empty() && self.ignore_findings.is_empty()
    }

    /// Adds `other`'s settings to these (later settings win for severities).
    pub fn merge(&mut self, other: Config) {
        self.ignore.extend(other.ignore);
        self.severity.extend(other.severity);
        self.ignore_findings.extend(other.ignore_findings);
    }

    /// Applies the settings to `diagnostics`; returns how many were left out.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            !self.ignore.iter().any(|id| id.eq_ignore_ascii_case(d.rule))
                && !self.ignore_findings.contains(&d.fingerprint)
        });
        for d in diagnostics.iter_mut() {
            if let Some((_, s)) = self
                .severity
                .iter()
                .rev()
                .find(|(id, _)| id.eq_ignore_ascii_case(d.rule))
            {
                d.severity = *s;
            }
        }
        before - diagnostics.len()
    }

    /// Reads the subset of TOML described in the module documentation. Unknown keys and lines
    /// that are not `key = value` are errors, with the line number, in Chinese.
    pub fn from_toml(text: &str) -> Result<Config, String> {
        let mut config = Config::default();
        let mut in_severity = false;
        for (n, raw) in text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with('[') {
                in_severity = line == "[severity]";
                if !in_severity {
                    return Err(format!(
                        "第{}行：未知的小节「{line}」，只支持 [severity]",
                        n + 1
                    ));
                }
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(format!("第{}行：应为「名称 = 值」", n + 1));
            };
            let (key, value) = (key.trim(), value.trim());
            if in_severity {
                let level = unquote(value).and_then(parse_severity).ok_or_else(|| {
                    format!("第{}行：级别应为 \"error\"、\"warning\" 或 \"info\"", n + 1)
                })?;
                config.severity.push((key.to_ascii_uppercase(), level));
                continue;
            }
            let list = parse_list(value)
                .ok_or_else(|| format!("第{}行：「{key}」的值应为字符串列表", n + 1))?;
            match key {
                "ignore" => config
                    .ignore
                    .extend(list.into_iter().map(|s| s.to_ascii_uppercase())),
                "ignore-findings" | "ignore_findings" => config.ignore_findings.extend(list),
                _ => return Err(format!("第{}行：未知的设置「{key}」", n + 1)),
            }
        }
        Ok(config)
    }
}

/// `error`, `warning` or `info` (any case).
pub fn parse_severity(text: &str) -> Option<Severity> {
    match text.to_ascii_lowercase().as_str() {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

fn strip_comment(line: &str) -> &str {
    // A `#` outside a string starts a comment.
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return line.get(..i).unwrap_or(line),
            _ => {}
        }
    }
    line
}

fn unquote(value: &str) -> Option<&str> {
    value.strip_prefix('"')?.strip_suffix('"')
}

fn parse_list(value: &str) -> Option<Vec<String>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| unquote(s).map(str::to_string))
        .collect()
}

/// The fingerprint of a finding: FNV-1a over rule, message and pointed-at text, and its
/// occurrence among identical ones, as 16 hex digits.
pub fn fingerprint(rule: &str, message: &str, pointed: &str, occurrence: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [rule, message, pointed, &occurrence.to_string()];
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_file() {
        let text = "# 我们的设置\nignore = [\"t003\", \"A004\"]\nignore-findings = [\"00ff\"]\n\n[severity]\nT002 = \"error\" # 行名称必须一致\n";
        let c = Config::from_toml(text).unwrap();
        assert_eq!(c.ignore, ["T003", "A004"]);
        assert_eq!(c.ignore_findings, ["00ff"]);
        assert_eq!(c.severity, [("T002".to_string(), Severity::Error)]);
        assert!(Config::from_toml("colour = [\"red\"]")
            .unwrap_err()
            .contains("未知的设置"));
        assert!(Config::from_toml("[severity]\nT002 = \"loud\"")
            .unwrap_err()
            .contains("第2行"));
    }

    #[test]
    fn fingerprints_ignore_positions_and_tell_repeats_apart() {
        let a = fingerprint("T002", "行名称不一致", "社会组织", 0);
        assert_eq!(a, fingerprint("T002", "行名称不一致", "社会组织", 0));
        assert_ne!(a, fingerprint("T002", "行名称不一致", "社会组织", 1));
        assert_ne!(a, fingerprint("T003", "行名称不一致", "社会组织", 0));
        assert_eq!(a.len(), 16);
    }
}
