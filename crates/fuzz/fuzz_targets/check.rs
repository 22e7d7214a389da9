//! `nianbao::check` on any UTF-8 text, as pasted and as a laid-out document after an edit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_fuzz::{assert_sound, options};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for laid_out in [false, true] {
        let report = nianbao::check(text, &options(laid_out));
        assert_sound(text, &report);
    }
});
