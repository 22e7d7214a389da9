//! Tests: seeds (to be written).
