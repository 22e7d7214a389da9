//! `nianbao::check_pdf` on any bytes: an error with a message, or a sound report on the text
//! the PDF was laid out as.
//!
//! Inputs that do not start like a PDF are given a `%PDF-1.7` header first, so that the
//! mutations reach the object reader, the scan for `N G obj`, the fonts and the content
//! streams instead of stopping at the header check.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz::{assert_document_sound, options};

fuzz_target!(|data: &[u8]| {
    let headed;
    let bytes = if data.starts_with(b"%PDF") {
        data
    } else {
        headed = [b"%PDF-1.7\n".as_slice(), data].concat();
        &headed
    };
    match nianbao::check_pdf(bytes, &options(false)) {
        Ok(report) => {
            assert_document_sound(&report);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
