//! Tests: robustness (to be written).
