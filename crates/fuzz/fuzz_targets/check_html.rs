//! `nianbao::check_html` on any UTF-8 text: the spans point into the laid-out text in
//! `source.text`, which never holds a NUL.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz::{assert_document_sound, options};

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let report = nianbao::check_html(html, &options(false));
    assert_document_sound(&report);
});
