//! The site's search: a Pagefind index of the archive's meeting pages,
//! built in memory through Pagefind's indexing API, so any static host can
//! serve it. Pagefind stems Swedish at index time (each page says
//! `lang="sv"`) and ships the Swedish stemmer for the browser.
//!
//! Only what a page marks `data-pagefind-body` is indexed (the meeting
//! pages, see `templates/site/mote.html`), and those pages are made from
//! the web editions, so the index holds nothing the pages do not.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// Where the index and Pagefind's scripts go inside the site.
pub const SEARCH_DIR: &str = "pagefind/";

/// The parts of Pagefind's bundle a page of ours loads: the default UI and
/// what it pulls in. The other UIs Pagefind writes are left out.
fn is_used(file: &str) -> bool {
    !(file.starts_with("pagefind-highlight")
        || file.starts_with("pagefind-modular-ui")
        || file.starts_with("pagefind-component-ui"))
}

/// Pagefind's error with its causes (`{:#}` of its anyhow errors).
fn failed(error: impl std::fmt::Display) -> SearchError {
    SearchError(format!("{error:#}"))
}

/// Pagefind could not index the pages.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::messages::making::search_not_built(.0))]
pub struct SearchError(String);

/// The attribute that marks what Pagefind indexes.
const BODY_MARK: &str = "data-pagefind-body";

/// The index of `pages` (each a site path and its HTML), as the files of
/// `pagefind/` by their path inside the site.
///
/// Once any page has `data-pagefind-body`, Pagefind leaves out every page
/// without it; those are not handed to it at all, since parsing the
/// archive's twenty thousand other pages was most of its work. Without any
/// mark (a template set that took it out) every page is indexed, as
/// Pagefind would.
pub fn index<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<BTreeMap<String, Vec<u8>>, SearchError> {
    let pages: Vec<(&str, &[u8])> = pages.into_iter().collect();
    let marked = |html: &[u8]| std::str::from_utf8(html).is_ok_and(|h| h.contains(BODY_MARK));
    let pages: Vec<(&str, &[u8])> = match pages.iter().any(|(_, html)| marked(html)) {
        true => pages.into_iter().filter(|(_, html)| marked(html)).collect(),
        false => pages,
    };
    // Pagefind's API is async; one thread is enough (it indexes on rayon).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(failed)?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("sv".to_owned())
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(failed)?;
        for (path, html) in pages {
            // Root-relative: the UI joins it to the folder its bundle is in,
            // so the site works from any folder of a host.
            let html = String::from_utf8_lossy(html).into_owned();
            index
                .add_html_file(None, Some(format!("/{path}")), html)
                .await
                .map_err(failed)?;
        }
        index.get_files().await.map_err(failed)
    })?;
    Ok(files
        .into_iter()
        .map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            (name, file.contents)
        })
        .filter(|(name, _)| is_used(name))
        .map(|(name, contents)| (format!("{SEARCH_DIR}{name}"), contents))
        .collect())
}
