//! PDF bilagor as pages of the protocol. typst-pdf refuses to embed PDF pages
//! in a PDF/A document (their content cannot be vouched for), so each page is
//! converted to SVG — vector paths, with the PDF standard fonts resolved to
//! the Foxit fonts Typst ships — and placed as an image with alt text.

use std::sync::Arc;

use hayro_svg::hayro_interpret::InterpreterSettings;
use hayro_svg::hayro_interpret::font::{FontData, FontQuery, StandardFont};
use hayro_svg::hayro_syntax::Pdf;
use hayro_svg::{RenderCache, SvgRenderSettings};

/// A bilaga PDF that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::messages::making::not_an_appendable_pdf(path, reason))]
pub struct AppendixError {
    /// The bilaga's path as written.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// Whether `bytes` are a PDF the renderer can append: `check` asks, so a
/// bilaga that is not one is an error at its line before any build.
pub fn check_appendable(path: &str, bytes: &[u8]) -> Result<(), AppendixError> {
    Pdf::new(bytes.to_vec())
        .map(|_| ())
        .map_err(|e| AppendixError {
            path: path.to_owned(),
            reason: format!("{e:?}"),
        })
}

/// Each page of the PDF at `bytes`, as an SVG document.
pub fn pdf_pages_as_svg(path: &str, bytes: Vec<u8>) -> Result<Vec<String>, AppendixError> {
    let pdf = Pdf::new(bytes).map_err(|e| AppendixError {
        path: path.to_owned(),
        reason: format!("{e:?}"),
    })?;
    let settings = InterpreterSettings {
        font_resolver: Arc::new(|query| match query {
            FontQuery::Standard(font) => standard_font(*font),
            FontQuery::Fallback(fallback) => standard_font(fallback.pick_standard_font()),
        }),
        cmap_resolver: Arc::new(|_| None),
        warning_sink: Arc::new(|_| {}),
        render_annotations: false,
    };
    let cache = RenderCache::new();
    let render = SvgRenderSettings {
        bg_color: [255, 255, 255, 255],
    };
    Ok(pdf
        .pages()
        .iter()
        .map(|page| hayro_svg::convert(page, &cache, &settings, &render))
        .collect())
}

fn standard_font(font: StandardFont) -> Option<(FontData, u32)> {
    use typst_assets::pdf;
    let bytes = match font {
        StandardFont::Helvetica => pdf::SANS,
        StandardFont::HelveticaBold => pdf::SANS_BOLD,
        StandardFont::HelveticaOblique => pdf::SANS_ITALIC,
        StandardFont::HelveticaBoldOblique => pdf::SANS_BOLD_ITALIC,
        StandardFont::Courier => pdf::FIXED,
        StandardFont::CourierBold => pdf::FIXED_BOLD,
        StandardFont::CourierOblique => pdf::FIXED_ITALIC,
        StandardFont::CourierBoldOblique => pdf::FIXED_BOLD_ITALIC,
        StandardFont::TimesRoman => pdf::SERIF,
        StandardFont::TimesBold => pdf::SERIF_BOLD,
        StandardFont::TimesItalic => pdf::SERIF_ITALIC,
        StandardFont::TimesBoldItalic => pdf::SERIF_BOLD_ITALIC,
        StandardFont::ZapfDingBats => pdf::DING_BATS,
        StandardFont::Symbol => pdf::SYMBOL,
    };
    Some((Arc::new(bytes), 0))
}
