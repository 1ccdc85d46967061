//! Data export: a chart's data (the spec it is drawn from), every ticket of a list (a
//! number's, a flow figure's, a theme's), or a table of the last feedback report, as CSV, XLSX or Parquet; a chart's and a list's
//! context (period, zone, filters by name, n, data as of) goes with them. One export at a time;
//! `cancel_export` stops it and leaves no file (an older one stays as it was).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::feedback::{keys_of, list_order, FeedbackTickets};
use super::flow::flow_list_order;
use super::limits::{check_chart, check_list, check_query};
use super::{AppError, Session};
use crate::analytics::flow::tickets::FlowTickets;
use crate::analytics::views::drill::TicketListRequest;
use crate::analytics::views::overview::PeriodPreset;
use crate::analytics::KpiRequest;
use crate::charts::{ChartContext, ChartSpec, Locale};
use crate::export::{
    self, About, ExportError, ExportFormat, ExportProgress, FeedbackTable, TableSource, TicketTable,
};

/// What to export.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportSource {
    /// The data of a chart, exactly as drawn, with its context in `locale` (English when
    /// absent).
    Chart {
        // Boxed only to keep the enum small.
        spec: Box<ChartSpec>,
        #[serde(default)]
        #[ts(optional)]
        locale: Option<Locale>,
    },
    /// Every ticket of a list (its offset and limit are ignored), with its context in
    /// `locale`; `period`, when given, sets the range as for `kpi_report`.
    Tickets {
        #[serde(default)]
        #[ts(optional)]
        period: Option<PeriodPreset>,
        // Boxed only to keep the enum small.
        request: Box<TicketListRequest>,
        #[serde(default)]
        #[ts(optional)]
        locale: Option<Locale>,
    },
    /// A table of the Feedback screen's last report, with its context in `locale`.
    Feedback {
        table: FeedbackTable,
        #[serde(default)]
        #[ts(optional)]
        locale: Option<Locale>,
    },
    /// Every ticket of a theme or a repetitive-ticket cluster of that report, in the
    /// list's order and search.
    FeedbackTickets {
        what: FeedbackTickets,
        sort: Option<String>,
        search: Option<String>,
    },
    /// Every ticket behind a figure of the Operations screen's flow reports (`request`
    /// with `period` setting its range, as for `backlog` and `flow`), in the list's order
    /// and search, with the report's context in `locale`.
    FlowTickets {
        #[serde(default)]
        #[ts(optional)]
        period: Option<PeriodPreset>,
        // Boxed only to keep the enum small.
        request: Box<KpiRequest>,
        what: FlowTickets,
        sort: Option<String>,
        search: Option<String>,
        #[serde(default)]
        #[ts(optional)]
        locale: Option<Locale>,
    },
}

/// A written export.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportDone {
    /// Where the file is, to show the user.
    pub path: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

impl Session {
    /// Checks `what`, then asks `choose_path` where to write (a save dialog; `None` when
    /// the user dismisses it) and writes there. `None` when dismissed or cancelled;
    /// either way nothing is written.
    pub fn export<E: From<AppError>>(
        &self,
        what: ExportSource,
        format: ExportFormat,
        choose_path: impl FnOnce() -> Result<Option<PathBuf>, E>,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<Option<ExportDone>, E> {
        check(&what)?;
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = self
            .exporting
            .claim(cancel.clone(), AppError::ExportRunning)?;
        let Some(path) = choose_path()? else {
            return Ok(None);
        };
        match self.write(what, format, &path, &cancel, progress) {
            Ok(done) => Ok(Some(done)),
            Err(AppError::Export(ExportError::Cancelled)) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    /// Stops the running export, if any.
    pub fn cancel_export(&self) {
        if let Some(cancel) = self.exporting.current() {
            cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Tickets are read through a connection of the export's own, so other calls use the
    /// workspace meanwhile.
    fn write(
        &self,
        what: ExportSource,
        format: ExportFormat,
        path: &Path,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<ExportDone, AppError> {
        let mut write = |table: &mut dyn TableSource| {
            let done = export::export(table, format, path, cancel, progress)?;
            Ok::<_, AppError>(ExportDone {
                path: path.to_string_lossy().into_owned(),
                file_name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                rows: done.rows,
                bytes: done.bytes,
            })
        };
        match what {
            ExportSource::Chart { spec, locale } => {
                write(&mut export::chart_table(&spec, locale.unwrap_or_default())?)
            }
            ExportSource::Tickets {
                period,
                mut request,
                locale,
            } => {
                let (frame, list) = self.frame_and(|today| {
                    let query = &mut request.query;
                    today.apply(period.as_ref(), &mut query.from, &mut query.to)?;
                    Ok(request.resolve(today.date, today.tz)?)
                })?;
                let workspace = self.own_connection()?;
                let table = TicketTable::new(&frame, workspace.store(), &list)?;
                let rows = table.total_rows();
                let context = ChartContext::of_list(&list, rows, &frame.labels, self.data_as_of()?);
                let about = About::of(&context, locale.unwrap_or_default());
                write(&mut table.with_about(Some(about)))
            }
            ExportSource::Feedback { table, locale } => {
                let run = self.last_feedback()?;
                let context = self.feedback_table_context(&run.report, table)?;
                let about = About::of(&context, locale.unwrap_or_default());
                let data = export::feedback_table(&run.report, table, run.query.range.tz);
                write(&mut data.with_about(Some(about)))
            }
            ExportSource::FeedbackTickets { what, sort, search } => {
                let order = list_order(&what, sort.as_deref(), 0, None, search.as_deref())?;
                let run = self.last_feedback()?;
                let keys = keys_of(&run.report, &what)?;
                let frame = self.frame()?;
                let workspace = self.own_connection()?;
                let store = workspace.store();
                write(&mut TicketTable::of_tickets(
                    &frame,
                    store,
                    keys,
                    &order,
                    run.query.range.tz,
                )?)
            }
            ExportSource::FlowTickets {
                period,
                request,
                what,
                sort,
                search,
                locale,
            } => {
                let order = flow_list_order(&what, sort.as_deref(), 0, None, search.as_deref())?;
                let found = self.flow_ticket_keys(period.as_ref(), *request, &what)?;
                let workspace = self.own_connection()?;
                let table = TicketTable::of_tickets(
                    &found.frame,
                    workspace.store(),
                    &found.keys,
                    &order,
                    found.query.range.tz,
                )?;
                let context = self.flow_tickets_context(&found, table.total_rows())?;
                let about = About::of(&context, locale.unwrap_or_default());
                write(&mut table.with_about(Some(about)))
            }
        }
    }
}

/// Sizes and texts of what the caller sent; a chart spec's shape is checked on export.
fn check(what: &ExportSource) -> Result<(), AppError> {
    match what {
        ExportSource::Chart { spec, .. } => check_chart(spec),
        ExportSource::Tickets { request, .. } => check_list(request),
        ExportSource::Feedback { .. } => Ok(()),
        ExportSource::FeedbackTickets { what, sort, search } => {
            list_order(what, sort.as_deref(), 0, None, search.as_deref()).map(drop)
        }
        ExportSource::FlowTickets {
            request,
            what,
            sort,
            search,
            ..
        } => {
            check_query(request)?;
            flow_list_order(what, sort.as_deref(), 0, None, search.as_deref()).map(drop)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{bar_chart, demo, refused};
    use crate::feedback::FeedbackRequest;

    /// Exports `what` to `out` as `format`, the path chosen at once.
    fn write_to(
        session: &Session,
        what: ExportSource,
        format: ExportFormat,
        out: &Path,
    ) -> Result<Option<ExportDone>, AppError> {
        session.export(what, format, || Ok(Some(out.to_owned())), &mut |_| {})
    }

    #[test]
    fn a_chart_and_a_ticket_list_are_written_where_asked() {
        let (dir, session) = demo();
        let out = dir.path().join("chart.csv");
        let spec = ExportSource::Chart {
            locale: None,
            spec: Box::new(bar_chart(&[("email", 3.0), ("=cmd", 4.0)])),
        };
        let done = write_to(&session, spec, ExportFormat::Csv, &out)
            .unwrap()
            .expect("not cancelled");
        assert_eq!((done.rows, done.file_name.as_str()), (2, "chart.csv"));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.contains("'=cmd,4"),
            "a formula-like label is neutralised: {text}"
        );

        let tickets = ExportSource::Tickets {
            period: Some(PeriodPreset::Last90Days),
            request: Box::new(TicketListRequest {
                kpi: "tickets_created".into(),
                limit: Some(5),
                ..TicketListRequest::default()
            }),
            locale: None,
        };
        let out = dir.path().join("tickets.xlsx");
        let mut last = None;
        let done = session
            .export(
                tickets,
                ExportFormat::Xlsx,
                || Ok::<_, AppError>(Some(out.clone())),
                &mut |p| last = Some(p),
            )
            .unwrap()
            .expect("not cancelled");
        assert!(done.rows > 5, "the whole list, not one page of 5");
        assert_eq!(
            last.map(|p| (p.rows, p.total)),
            Some((done.rows, done.rows))
        );
        assert!(out.is_file());
    }

    #[test]
    fn a_cancelled_or_dismissed_export_writes_nothing_and_bad_input_is_refused() {
        let (dir, session) = demo();
        let out = dir.path().join("chart.parquet");
        let spec = || ExportSource::Chart {
            locale: None,
            spec: Box::new(bar_chart(&[("email", 3.0), ("=cmd", 4.0)])),
        };
        let cancelled = session.export(
            spec(),
            ExportFormat::Parquet,
            || {
                session.cancel_export();
                Ok::<_, AppError>(Some(out.clone()))
            },
            &mut |_| {},
        );
        assert!(cancelled.unwrap().is_none());
        assert!(!out.exists());
        let dismissed = session.export(
            spec(),
            ExportFormat::Csv,
            || Ok::<_, AppError>(None),
            &mut |_| {},
        );
        assert!(dismissed.unwrap().is_none());

        let mut short = bar_chart(&[("email", 3.0), ("=cmd", 4.0)]);
        short.series[0].values.pop();
        let err = write_to(
            &session,
            ExportSource::Chart {
                spec: Box::new(short),
                locale: None,
            },
            ExportFormat::Csv,
            &out,
        )
        .unwrap_err();
        assert!(err.is_input(), "{err}");
        let mut long = bar_chart(&[("email", 3.0), ("=cmd", 4.0)]);
        long.title = "x".repeat(5_000);
        let long = write_to(
            &session,
            ExportSource::Chart {
                spec: Box::new(long),
                locale: None,
            },
            ExportFormat::Csv,
            &out,
        );
        assert!(refused(long).contains("too long"));
    }

    #[test]
    fn a_second_export_waits_for_the_first() {
        let (dir, session) = demo();
        let out = dir.path().join("chart.csv");
        let spec = || ExportSource::Chart {
            locale: None,
            spec: Box::new(bar_chart(&[("email", 3.0), ("=cmd", 4.0)])),
        };
        let inner = session.export(
            spec(),
            ExportFormat::Csv,
            || {
                let second = write_to(&session, spec(), ExportFormat::Csv, &out);
                assert!(refused(second).contains("already running"));
                Ok::<_, AppError>(Some(out.clone()))
            },
            &mut |_| {},
        );
        assert!(inner.unwrap().is_some(), "the first export goes on");
    }

    #[test]
    fn feedback_tables_and_a_theme_s_tickets_are_written_from_the_last_report() {
        let (dir, session) = demo();
        let out = dir.path().join("themes.csv");
        let themes = || ExportSource::Feedback {
            table: FeedbackTable::Themes,
            locale: None,
        };
        let write = |what, out: &Path| write_to(&session, what, ExportFormat::Csv, out);
        assert!(refused(write(themes(), &out)).contains("no feedback report yet"));

        let period = Some(&PeriodPreset::Last90Days);
        let screen = session
            .feedback(period, FeedbackRequest::default())
            .unwrap();
        let done = write(themes(), &out).unwrap().expect("not cancelled");
        assert_eq!(done.rows as usize, screen.report.themes.len());
        let header = std::fs::read_to_string(&out).unwrap();
        assert!(header.contains("# Period: "), "the file states its context");
        assert!(!header.contains("# KPI: "), "themes are texts, no KPI");
        let theme = &screen.report.themes[0];
        let tickets = ExportSource::FeedbackTickets {
            what: FeedbackTickets::Theme(theme.id.clone()),
            sort: Some("id".into()),
            search: None,
        };
        let out = dir.path().join("theme.csv");
        let done = write(tickets, &out).unwrap().expect("not cancelled");
        assert_eq!(done.rows, theme.count, "every ticket of the theme");
        let long = ExportSource::FeedbackTickets {
            what: FeedbackTickets::Duplicate("x".repeat(5_000)),
            sort: None,
            search: None,
        };
        assert!(refused(write(long, &out)).contains("too long"));
    }
}
