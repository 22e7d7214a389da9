//! Tests: golden (to be written).
