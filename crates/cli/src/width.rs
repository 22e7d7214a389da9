//! Display width of text in a terminal, for lining up markers and help columns under CJK text.
//!
//! The widths are Unicode's (UAX #11 and the emoji data, through `unicode-width`): East Asian
//! wide and fullwidth characters (Han, kana, Hangul, CJK punctuation, fullwidth forms) and
//! emoji shown as pictures take two columns, combining marks and zero-width characters none,
//! everything else one. Ambiguous-width characters such as “” and ① count as one column, as
//! most terminals outside CJK locales show them (`width`, not `width_cjk`).
//!
//! A string's width is the sum of its characters' widths, not `unicode-width`'s string width
//! (which gives some sequences, such as emoji joined by ZWJ, a width of their own): the
//! excerpt and the marker under it are measured character by character, and both must agree.
//!
//! Tabs are not handled here; [`expand_tabs`] replaces them (and other control characters)
//! before any width is measured, so the shown line and its marker agree.

use unicode_width::UnicodeWidthChar;

/// The distance between tab stops when a source line is shown.
pub const TAB_STOP: usize = 4;

/// The number of terminal columns `c` occupies; a control character, which is never shown as
/// it is, counts as one.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(1)
}

/// The number of terminal columns `s` occupies; `s` should not contain tabs.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` with tabs expanded to the next multiple of [`TAB_STOP`] and other control characters
/// shown as `�`, so that the result can be printed on one line and measured with [`str_width`].
pub fn expand_tabs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut column = 0;
    for c in s.chars() {
        if c == '\t' {
            let spaces = TAB_STOP - column % TAB_STOP;
            out.push_str(&" ".repeat(spaces));
            column += spaces;
        } else if c.is_control() {
            out.push('\u{FFFD}');
            column += 1;
        } else {
            out.push(c);
            column += char_width(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_narrow_and_cjk_is_wide() {
        assert_eq!(str_width("A001 3"), 6);
        assert_eq!(str_width("总计"), 4);
        assert_eq!(str_width("一、本年新收"), 12);
        assert_eq!(str_width("（万元）："), 10);
        assert_eq!(str_width("〔2021〕30号"), 12);
        assert_eq!(str_width("３０"), 4);
        assert_eq!(str_width("한글"), 4);
        assert_eq!(str_width("かな"), 4);
        assert_eq!(str_width("𠀀"), 2);
    }

    #[test]
    fn ambiguous_and_zero_width_characters() {
        assert_eq!(str_width("“①”"), 3);
        assert_eq!(str_width("e\u{301}"), 1);
        assert_eq!(str_width("a\u{200B}b\u{FEFF}"), 2);
        // Beyond the few ranges the hand-written table had: combining marks of other blocks
        // (kana voicing, an enclosing circle), and emoji outside U+1F300–1F64F, U+1F900–1F9FF.
        assert_eq!(str_width("か\u{3099}"), 2);
        assert_eq!(str_width("1\u{20DD}"), 1);
        assert_eq!(str_width("✅"), 2);
        assert_eq!(str_width("🟢"), 2);
        assert_eq!(char_width('\u{7}'), 1);
    }

    #[test]
    fn tabs_expand_to_tab_stops_after_wide_text() {
        assert_eq!(expand_tabs("\tx"), "    x");
        assert_eq!(expand_tabs("ab\tx"), "ab  x");
        // 三 is two columns wide, so the tab fills the remaining two up to column 4.
        assert_eq!(expand_tabs("三\t0"), "三  0");
        assert_eq!(expand_tabs("a\u{7}b"), "a\u{FFFD}b");
        assert_eq!(str_width(&expand_tabs("一、\t3")), 9);
    }
}
