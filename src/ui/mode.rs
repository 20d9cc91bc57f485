//! Where a widget runs: embedded in a host page, as the standalone help page, or as that page
//! inside an `<iframe>`. It decides which hooks act (page theme, frame height).

/// Where the widget runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Embedded in a host page.
    #[default]
    Widget,
    /// The standalone help page.
    Page,
    /// The standalone page inside an `<iframe>` (`?embed=1`): posts its height to the parent.
    Frame,
}
