//! The one integration-test binary: each module tests one face of nianbao.

mod diagnosis;
mod docs;
mod docx;
mod golden;
mod grid;
mod html;
mod layouts;
mod pdf;
mod pdf_crypt;
mod pdf_fonts;
mod pdf_layouts;
mod pdf_text;
mod readings;
mod reports;
mod robustness;
mod rules;
pub mod seeds;

/// The text of `tests/fixtures/NAME`.
pub fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
