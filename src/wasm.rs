//! STUB: wasm bindings (to be written).
