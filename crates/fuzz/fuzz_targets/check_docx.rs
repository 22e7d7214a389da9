//! `nianbao::check_docx` on any bytes: an error with a message, or a sound report on the
//! laid-out text.
//!
//! An input that starts with `PK` is taken as the whole file, damaged zip and all. Any other
//! input is taken as `word/document.xml` and packed into a valid .docx first, so that the
//! mutations reach the XML and WordprocessingML readers instead of stopping at the CRC-32.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz::{assert_document_sound, options, stored_zip};

fuzz_target!(|data: &[u8]| {
    let packed;
    let bytes = if data.starts_with(b"PK") {
        data
    } else {
        packed = stored_zip("word/document.xml", data);
        &packed
    };
    match nianbao::check_docx(bytes, &options(false)) {
        Ok(report) => {
            assert_document_sound(&report);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
