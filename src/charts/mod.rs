//! Charts: a `ChartSpec` says what a chart shows; the web view draws it interactively and
//! the renderers here draw the same spec to PNG or SVG for slides.

pub mod context;
pub(crate) mod feedback;
mod flow;
mod forecast;
mod from_report;
mod overview;
pub mod render;
pub mod spec;

pub use context::ChartContext;
pub use feedback::{feedback_charts, FeedbackCharts};
pub use flow::{backlog_charts, flow_charts, BacklogCharts, FlowCharts};
pub use forecast::{forecast_chart, staffing_chart};
pub use from_report::{from_report, unit_of, ChartText};
pub use overview::{overview_charts, OverviewCharts};
pub use render::{
    render_bitmap, render_png, render_svg, Bitmap, ChartError, Locale, RenderOptions, Theme,
};
pub use spec::{ChartKind, ChartSeries, ChartSpec, SpecError, Unit, XAxis, XKind};
