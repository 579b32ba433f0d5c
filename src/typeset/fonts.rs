//! The fonts every document is set in, compiled into the binary so that every
//! machine prints the same glyphs and the host's fonts are never consulted.

use typst::foundations::Bytes;
use typst::text::Font;

/// Inter (SIL OFL 1.1, see `fonts/OFL.txt`): the sans for headers and labels.
const INTER: [&[u8]; 4] = [
    include_bytes!("../../fonts/Inter-Regular.otf"),
    include_bytes!("../../fonts/Inter-Bold.otf"),
    include_bytes!("../../fonts/Inter-Italic.otf"),
    include_bytes!("../../fonts/Inter-BoldItalic.otf"),
];

/// Every embedded font: Typst's own (Libertinus Serif, New Computer Modern,
/// DejaVu Sans Mono) and Inter.
pub fn embedded() -> Vec<Font> {
    typst_assets::fonts()
        .chain(INTER)
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serif_and_sans_with_swedish_letters_are_embedded() {
        let fonts = embedded();
        for family in ["Libertinus Serif", "Inter"] {
            let font = fonts
                .iter()
                .find(|f| f.info().family == family)
                .unwrap_or_else(|| panic!("{family} missing"));
            for c in "åäöÅÄÖ§–”".chars() {
                assert!(
                    font.info().coverage.contains(c as u32),
                    "{family} lacks {c}"
                );
            }
        }
    }
}
