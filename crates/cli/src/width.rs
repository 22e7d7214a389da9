//! Display width of text in a terminal, for lining up markers and help columns under CJK text.
//!
//! East Asian wide and fullwidth characters (Han, kana, Hangul, CJK punctuation, fullwidth
//! forms) take two columns, combining marks and zero-width characters none, everything else
//! one. Ambiguous-width characters such as “” and ① count as one column, as most terminals
//! outside CJK locales show them. The table is deliberately small and written out by hand: it
//! covers what appears in Chinese government reports, not all of Unicode's width data.
//!
//! Tabs are not handled here; [`expand_tabs`] replaces them (and other control characters)
//! before any width is measured, so the shown line and its marker agree.

/// The distance between tab stops when a source line is shown.
pub const TAB_STOP: usize = 4;

/// The number of terminal columns `c` occupies.
pub fn char_width(c: char) -> usize {
    match u32::from(c) {
        // Combining diacritics, zero-width space/joiners, marks, variation selectors, BOM.
        0x0300..=0x036F | 0x200B..=0x200F | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF => 0,
        // Hangul Jamo leading consonants.
        0x1100..=0x115F
        // Angle brackets 〈〉 in their deprecated wide form.
        | 0x2329..=0x232A
        // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation (、。「」〔〕).
        | 0x2E80..=0x303E
        // Kana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed CJK, CJK
        // compatibility, CJK Extension A, Yijing hexagrams, CJK Unified Ideographs, Yi.
        | 0x3041..=0xA4CF
        // Hangul Jamo extended-A.
        | 0xA960..=0xA97F
        // Hangul syllables.
        | 0xAC00..=0xD7A3
        // CJK compatibility ideographs.
        | 0xF900..=0xFAFF
        // Vertical forms, CJK compatibility forms, small form variants.
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        // Fullwidth ASCII and punctuation (，：（）０-９).
        | 0xFF00..=0xFF60
        // Fullwidth signs (￥).
        | 0xFFE0..=0xFFE6
        // Emoji and pictographs commonly shown wide.
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        // CJK Extensions B and later, and the tertiary ideographic plane.
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD => 2,
        _ => 1,
    }
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
