//! What a user or a team turns off or changes: rules ignored, severities changed, single
//! findings ignored by their fingerprint.
//!
//! A fingerprint names one finding so that it survives edits elsewhere in the text: it is made
//! from the rule, the message and the text the finding points at — never from positions — plus,
//! when identical findings occur, which one of them it is. The page, the CLI and a team's
//! `nianbao.toml` use the same fingerprints.
//!
//! The settings come from outside the core: the CLI reads its flags and `nianbao.toml`, the wasm
//! bindings a JavaScript object. Both ask [`Config::unknown_rules`] which rule ids name no rule
//! of the catalogue and refuse them, so a misspelt id never silently does nothing.

use std::fmt;

use crate::report::{Diagnostic, Severity};
use crate::rules;

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

    /// The rule ids these settings name that are not in the catalogue, in the order given:
    /// first those ignored, then those whose severity is changed. Ids compare in any case.
    pub fn unknown_rules(&self) -> Vec<UnknownRule> {
        let ignored = self.ignore.iter().map(|id| (Setting::Ignore, id));
        let severities = self.severity.iter().map(|(id, _)| (Setting::Severity, id));
        ignored
            .chain(severities)
            .filter(|(_, id)| rules::rule(&id.to_ascii_uppercase()).is_none())
            .map(|(setting, id)| UnknownRule {
                id: id.clone(),
                setting,
                closest: closest_rule(id),
            })
            .collect()
    }
}

/// Where a setting names a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// The rules ignored.
    Ignore,
    /// The rules whose severity is changed.
    Severity,
}

/// A rule id a setting names that is in no rule of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule {
    /// The id as given.
    pub id: String,
    /// The setting that names it.
    pub setting: Setting,
    /// The id it was most likely meant as, when one stands out (see [`closest_rule`]).
    pub closest: Option<&'static str>,
}

/// `未知的规则「T0003」，是否为「T003」？`: the message every adapter shows, after saying where.
impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "未知的规则「{}」", self.id)?;
        if let Some(closest) = self.closest {
            write!(f, "，是否为「{closest}」？")?;
        }
        Ok(())
    }
}

/// The catalogue id `id` was most likely meant as: the same family and number written with
/// another case, full-width characters or another number of digits (`t3`, `Ｔ００３`, `T0003`
/// for `T003`), else the one id a single typing slip away (a character added, dropped,
/// changed, or two swapped). None when no id, or more than one, is that close.
pub fn closest_rule(id: &str) -> Option<&'static str> {
    let id: String = id
        .trim()
        .chars()
        .map(ascii_of)
        .collect::<String>()
        .to_ascii_uppercase();
    let mut chars = id.chars();
    let family = chars.next().filter(char::is_ascii_alphabetic);
    let digits = chars.as_str();
    let number = digits
        .chars()
        .all(|c| c.is_ascii_digit())
        .then(|| digits.parse::<u32>().ok())
        .flatten();
    if let (Some(family), Some(number)) = (family, number) {
        if let Some(rule) = rules::rule(&format!("{family}{number:03}")) {
            return Some(rule.id);
        }
    }
    let mut near = rules::catalogue()
        .into_iter()
        .filter(|r| one_slip_apart(&id, r.id));
    match (near.next(), near.next()) {
        (Some(rule), None) => Some(rule.id),
        _ => None,
    }
}

/// A full-width ASCII form (`Ｔ`, `０`) as its ASCII character; others unchanged.
fn ascii_of(c: char) -> char {
    match u32::from(c) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// True when `a` becomes `b` by one character added, dropped or changed, or two neighbours
/// swapped.
fn one_slip_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (a, b) = (
        a.get(prefix..).unwrap_or(&[]),
        b.get(prefix..).unwrap_or(&[]),
    );
    let swapped = matches!((a, b), ([x, y, a @ ..], [p, q, b @ ..]) if x == q && y == p && a == b);
    let changed = matches!((a, b), ([_, a @ ..], [_, b @ ..]) if a == b);
    let added = a.get(1..) == Some(b) || b.get(1..) == Some(a);
    swapped || changed || added
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
    fn unknown_rules_are_named_with_the_setting_and_the_likely_id() {
        let config = Config {
            ignore: vec!["t003".into(), "T0003".into(), "Q001".into()],
            severity: vec![
                ("A001".into(), Severity::Error),
                ("S19".into(), Severity::Info),
            ],
            ignore_findings: vec!["not-a-rule".into()],
        };
        let unknown = config.unknown_rules();
        let named: Vec<(&str, Setting, Option<&str>)> = unknown
            .iter()
            .map(|u| (u.id.as_str(), u.setting, u.closest))
            .collect();
        let want = [
            ("T0003", Setting::Ignore, Some("T003")),
            ("Q001", Setting::Ignore, None),
            ("S19", Setting::Severity, None),
        ];
        assert_eq!(named, want);
        assert_eq!(
            unknown[0].to_string(),
            "未知的规则「T0003」，是否为「T003」？"
        );
        assert_eq!(unknown[1].to_string(), "未知的规则「Q001」");
        assert!(Config::NONE.unknown_rules().is_empty());
    }

    #[test]
    fn the_closest_rule_is_only_an_obvious_one() {
        for (given, want) in [
            ("t3", Some("T003")),
            ("Ｔ００３", Some("T003")),
            ("A0001", Some("A001")),
            ("AOO1", None),
            ("TT003", Some("T003")),
            ("T030", None),
            ("T00", None),
            ("Y040", Some("Y004")),
            ("X001", None),
            ("S019", None),
            ("", None),
        ] {
            assert_eq!(closest_rule(given), want, "{given}");
        }
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
