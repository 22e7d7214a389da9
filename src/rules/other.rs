//! STUB
use super::{Finding, Rule};
use crate::Facts;
pub(super) const RULES: &[Rule] = &[];
pub(super) fn check(_facts: &Facts, _out: &mut Vec<Finding>) {}
