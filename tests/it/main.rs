//! The one integration-test binary: each module tests one face of nianbao.

mod cli;
mod golden;
mod robustness;
mod seeds;
