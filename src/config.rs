//! What a user or a team turns off or changes: rules ignored, severities changed, single
//! findings ignored by their fingerprint.
//!
//! A fingerprint names one finding so that it survives edits elsewhere in the text: it is made
//! from the rule, the message and the text the finding points at — never from positions — plus,
//! when identical findings occur, which one of them it is. The page, the CLI and a team's
//! `nianbao.toml` use the same fingerprints.
//!
//! The settings come from outside the core: the CLI reads its flags and `nianbao.toml`, the wasm
//! bindings a JavaScript object.

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
    fn fingerprints_ignore_positions_and_tell_repeats_apart() {
        let a = fingerprint("T002", "行名称不一致", "社会组织", 0);
        assert_eq!(a, fingerprint("T002", "行名称不一致", "社会组织", 0));
        assert_ne!(a, fingerprint("T002", "行名称不一致", "社会组织", 1));
        assert_ne!(a, fingerprint("T003", "行名称不一致", "社会组织", 0));
        assert_eq!(a.len(), 16);
    }
}
