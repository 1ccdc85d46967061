//! The feedback report (themes, sentiment, CSAT drivers, repetitive tickets,
//! knowledge-base gaps) with its charts and their context, the tickets of its themes and clusters, and the
//! names the user gives themes. The session keeps the report of the newest request, so lists and table exports read the
//! report the screen shows, even when an older, slower request finishes last.

use std::sync::{Arc, MutexGuard};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::feedback_themes::{theme_of, typed_name};
use super::limits::{check_feedback, check_text};
use super::{AppError, Session};
use crate::analytics::engine::kpi::{Hours, KpiId};
use crate::analytics::frame::dimension::Labels;
use crate::analytics::views::drill::{self, ListOrder, TicketList};
use crate::analytics::views::overview::PeriodPreset;
use crate::charts::context::{FilterNames, LANGUAGE, TEXTS};
use crate::charts::{feedback_charts, ChartContext, FeedbackCharts};
use crate::export::FeedbackTable;
use crate::feedback::report::FeedbackSource;
use crate::feedback::text::Lang;
use crate::feedback::{self, theme_names, FeedbackQuery, FeedbackReport, FeedbackRequest};
use crate::store::TicketKey;

/// The Feedback screen: the report and its charts.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FeedbackScreen {
    #[serde(flatten)]
    pub report: FeedbackReport,
    pub charts: FeedbackCharts,
}

/// Whose tickets to list: a theme's or a repetitive-ticket cluster's, by id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackTickets {
    Theme(String),
    Duplicate(String),
}

/// A feedback report and the query it answers.
pub struct FeedbackRun {
    pub report: FeedbackReport,
    pub query: FeedbackQuery,
}

/// The report of the newest request that finished.
#[derive(Default)]
pub(super) struct LastFeedback {
    /// Requests started so far; each takes the next number.
    started: u64,
    /// The number of the request `report` answers.
    number: u64,
    report: Option<Arc<FeedbackRun>>,
}

impl Session {
    /// The feedback report with its charts. `period`, when given, sets the range,
    /// replacing the request's `from` and `to`. The texts are read through a connection
    /// of the report's own, so the analysis does not hold up other calls.
    pub fn feedback(
        &self,
        period: Option<&PeriodPreset>,
        mut request: FeedbackRequest,
    ) -> Result<FeedbackScreen, AppError> {
        check_feedback(&request)?;
        let number = self.start_feedback()?;
        let (frame, query) = self.frame_and(|today| {
            today.apply(period, &mut request.from, &mut request.to)?;
            Ok(request.resolve(today.date, today.tz)?)
        })?;
        let workspace = self.own_connection()?;
        let report = feedback::run(workspace.store(), &frame, &query)?;
        let screen = self.screen_of(report, &frame.labels)?;
        self.keep_feedback(number, screen.report.clone(), query)?;
        Ok(screen)
    }

    /// The last report's query answered again, with its charts: what an edit of its
    /// themes makes of it.
    pub(super) fn feedback_again(&self, run: &FeedbackRun) -> Result<FeedbackScreen, AppError> {
        let frame = self.frame()?;
        let workspace = self.own_connection()?;
        let report = feedback::run(workspace.store(), &frame, &run.query)?;
        self.screen_of(report, &frame.labels)
    }

    /// `report` with its charts, stating its range, filters and data time.
    fn screen_of(
        &self,
        report: FeedbackReport,
        labels: &Labels,
    ) -> Result<FeedbackScreen, AppError> {
        let about = About::new(&report, labels, self.data_as_of()?);
        let charts = with_context(feedback_charts(&report), &about);
        Ok(FeedbackScreen { report, charts })
    }

    /// The context a data file of `table` of `report` states, as its chart would.
    pub fn feedback_table_context(
        &self,
        report: &FeedbackReport,
        table: FeedbackTable,
    ) -> Result<ChartContext, AppError> {
        let frame = self.frame()?;
        let about = About::new(report, &frame.labels, self.data_as_of()?);
        Ok(match table {
            FeedbackTable::Drivers => about.of_ratings(),
            _ => about.of_texts(),
        })
    }

    /// One page of the tickets of a theme or cluster of the last report, sorted,
    /// searched and paged as a number's ticket list is.
    pub fn feedback_tickets(
        &self,
        what: &FeedbackTickets,
        order: &ListOrder,
    ) -> Result<TicketList, AppError> {
        let run = self.last_feedback()?;
        let keys = keys_of(&run.report, what)?;
        // Under the lock: ticket subjects come from the workspace's database.
        self.with_open(|open| {
            let frame = self.frame_of(open)?;
            let store = open.workspace.store();
            Ok(drill::tickets_of(
                &frame,
                store,
                keys,
                Hours::Calendar,
                order,
            )?)
        })
    }

    /// Names theme `id` of the last report `name`, kept per workspace for every later
    /// report; `None` forgets its name, so it is named from its texts again.
    pub fn rename_theme(&self, id: &str, name: Option<&str>) -> Result<(), AppError> {
        check_text(id)?;
        let name = typed_name(name)?;
        let run = self.last_feedback()?;
        let theme = theme_of(&run.report, id)?;
        if self.rename_merged(theme, name)? {
            return Ok(());
        }
        let at = self.now();
        self.with_open(|open| {
            let w = open.workspace.store_mut().write()?;
            match name {
                Some(name) => w.set_theme_name(&theme_names::kept(theme, name), at)?,
                None => w.clear_theme_name(theme.lang.code(), &theme.signature.join(" "))?,
            }
            Ok(w.commit()?)
        })
    }

    /// The last report; an error when none was made yet.
    pub fn last_feedback(&self) -> Result<Arc<FeedbackRun>, AppError> {
        self.feedback_lock()?
            .report
            .clone()
            .ok_or(AppError::NoFeedbackReport)
    }

    /// Numbers a new request.
    pub(super) fn start_feedback(&self) -> Result<u64, AppError> {
        let mut last = self.feedback_lock()?;
        last.started += 1;
        Ok(last.started)
    }

    /// Keeps the report of request `number` unless a newer request's is kept already.
    pub(super) fn keep_feedback(
        &self,
        number: u64,
        report: FeedbackReport,
        query: FeedbackQuery,
    ) -> Result<(), AppError> {
        let mut last = self.feedback_lock()?;
        if number > last.number || last.report.is_none() {
            last.number = number;
            last.report = Some(Arc::new(FeedbackRun { report, query }));
        }
        Ok(())
    }

    fn feedback_lock(&self) -> Result<MutexGuard<'_, LastFeedback>, AppError> {
        self.feedback
            .lock()
            .map_err(|_| AppError::Poisoned("feedback"))
    }
}

/// What the report's exports state: its range and filters by name, and when the data
/// was last brought up to date.
struct About<'a> {
    report: &'a FeedbackReport,
    labels: &'a Labels,
    as_of: Option<i64>,
}

impl<'a> About<'a> {
    fn new(report: &'a FeedbackReport, labels: &'a Labels, as_of: Option<i64>) -> About<'a> {
        About {
            report,
            labels,
            as_of,
        }
    }

    /// The report's range and filters, then its choice of texts as two more filters.
    fn context(&self, kpi: Option<KpiId>, n: u64) -> ChartContext {
        let (range, filters) = (&self.report.range, &self.report.filters);
        let mut context = ChartContext::of_range(kpi, range, filters, self.labels, n, self.as_of);
        let lang = self.report.lang.map(|lang| (LANGUAGE, lang.code()));
        let texts = match self.report.source {
            FeedbackSource::Csat => Some((TEXTS, "csat")),
            FeedbackSource::Tickets => Some((TEXTS, "tickets")),
            FeedbackSource::All => None,
        };
        context
            .filters
            .extend(
                lang.into_iter()
                    .chain(texts)
                    .map(|(dimension, code)| FilterNames {
                        dimension: dimension.to_owned(),
                        label: None,
                        values: vec![Some(code.to_owned())],
                    }),
            );
        context
    }

    /// Of the CSAT drivers: the ratings behind them.
    fn of_ratings(&self) -> ChartContext {
        self.context(Some(KpiId::Csat), self.report.drivers.overall.n)
    }

    /// Of themes, sentiment and the other tables: the texts analysed.
    fn of_texts(&self) -> ChartContext {
        self.context(None, analysed_texts(self.report))
    }
}

/// The charts with the context their exports state: the drivers' population is their
/// ratings, the other charts' the texts analysed.
fn with_context(mut charts: FeedbackCharts, about: &About) -> FeedbackCharts {
    charts.drivers.context = Some(about.of_ratings());
    charts.sentiment.context = Some(about.of_texts());
    charts.themes.context = Some(about.of_texts());
    charts
}

/// The texts analysed: only the chosen language's when one was asked for.
fn analysed_texts(report: &FeedbackReport) -> u64 {
    let by = &report.comments.by_lang;
    match report.lang {
        Some(Lang::En) => by.en,
        Some(Lang::Ko) => by.ko,
        Some(Lang::Ru) => by.ru,
        None => report.comments.total,
    }
}

/// The order of a theme's or cluster's list, its texts checked.
pub fn list_order(
    what: &FeedbackTickets,
    sort: Option<&str>,
    offset: usize,
    limit: Option<usize>,
    search: Option<&str>,
) -> Result<ListOrder, AppError> {
    let (FeedbackTickets::Theme(id) | FeedbackTickets::Duplicate(id)) = what;
    [Some(id.as_str()), sort, search]
        .into_iter()
        .flatten()
        .try_for_each(check_text)?;
    Ok(ListOrder::parse(sort, offset, limit, search)?)
}

/// The tickets of a theme or cluster of `report`.
pub fn keys_of<'r>(
    report: &'r FeedbackReport,
    what: &FeedbackTickets,
) -> Result<&'r [TicketKey], AppError> {
    let found = match what {
        FeedbackTickets::Theme(id) => report
            .themes
            .iter()
            .find(|t| &t.id == id)
            .map(|t| t.tickets.as_slice()),
        FeedbackTickets::Duplicate(id) => report
            .duplicates
            .iter()
            .find(|d| &d.id == id)
            .map(|d| d.tickets.as_slice()),
    };
    found.ok_or_else(|| {
        let (kind, id) = match what {
            FeedbackTickets::Theme(id) => ("theme", id),
            FeedbackTickets::Duplicate(id) => ("group of repetitive tickets", id),
        };
        AppError::NotInFeedbackReport {
            kind,
            id: id.chars().take(40).collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::query::range::RangeEcho;
    use crate::app::testing::{demo, refused};

    const PERIOD: Option<&PeriodPreset> = Some(&PeriodPreset::Last90Days);

    #[test]
    fn feedback_reports_the_period_with_charts_from_the_same_report() {
        let (_dir, session) = demo();
        let screen = session
            .feedback(PERIOD, FeedbackRequest::default())
            .unwrap();
        let days = |r: &RangeEcho| {
            let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            (date(&r.to) - date(&r.from)).num_days() + 1
        };
        assert_eq!(days(&screen.report.range), 90, "the period sets the range");
        assert!(
            screen.report.comments.total > 0,
            "the demo's customers write"
        );
        let mut charts = screen.charts.clone();
        for chart in [
            &mut charts.drivers,
            &mut charts.sentiment,
            &mut charts.themes,
        ] {
            assert!(
                chart.context.take().is_some(),
                "{} states its context",
                chart.title
            );
        }
        assert_eq!(charts, feedback_charts(&screen.report));
        let json = serde_json::to_value(&screen).unwrap();
        assert!(
            json.get("themes").is_some() && json.get("charts").is_some(),
            "the report's fields sit beside the charts"
        );
        assert!(
            session.last_feedback().unwrap().report == screen.report,
            "the report is kept for its ticket lists"
        );
    }

    #[test]
    fn feedback_charts_state_period_zone_filters_by_name_n_and_data_as_of() {
        let (_dir, session) = demo();
        let request = FeedbackRequest {
            filters: vec!["channel=email".into()],
            lang: Some("en".into()),
            ..FeedbackRequest::default()
        };
        let screen = session.feedback(PERIOD, request).unwrap();
        let report = &screen.report;
        let drivers = screen.charts.drivers.context.expect("a context");
        assert_eq!(drivers.kpi, Some(KpiId::Csat));
        assert_eq!(
            drivers.n,
            Some(report.drivers.overall.n),
            "n is the ratings"
        );
        assert_eq!(
            (&drivers.from, &drivers.to),
            (&report.range.from, &report.range.to)
        );
        assert_eq!(drivers.as_of, Some(crate::app::testing::noon()));
        let line = crate::charts::context::subtitle(&drivers, crate::charts::Locale::En);
        assert!(
            line.contains("Channel: Email; Language: English"),
            "names, not codes, and the texts' language: {line}"
        );
        let line = crate::charts::context::subtitle(&drivers, crate::charts::Locale::Ru);
        assert!(line.contains("Язык: Английский"), "{line}");
        let themes = screen.charts.themes.context.expect("a context");
        assert_eq!(themes.kpi, None, "a chart of texts is no KPI");
        assert_eq!(
            themes.n,
            Some(report.comments.by_lang.en),
            "the English texts analysed"
        );
        assert_eq!(screen.charts.sentiment.context, Some(themes));
    }

    #[test]
    fn a_feedback_table_states_the_context_of_its_chart() {
        let (_dir, session) = demo();
        let screen = session
            .feedback(PERIOD, FeedbackRequest::default())
            .unwrap();
        let context = |table| {
            session
                .feedback_table_context(&screen.report, table)
                .unwrap()
        };
        assert_eq!(
            Some(context(FeedbackTable::Drivers)),
            screen.charts.drivers.context
        );
        assert_eq!(
            Some(context(FeedbackTable::Themes)),
            screen.charts.themes.context
        );
        assert_eq!(context(FeedbackTable::KbGaps).kpi, None);
        assert_eq!(context(FeedbackTable::Drivers).hours, None, "no durations");
    }

    #[test]
    fn a_theme_lists_as_many_tickets_as_it_counts() {
        let (_dir, session) = demo();
        let screen = session
            .feedback(PERIOD, FeedbackRequest::default())
            .unwrap();
        let theme = screen.report.themes.first().expect("the demo has themes");
        let what = FeedbackTickets::Theme(theme.id.clone());
        let order = list_order(&what, Some("-id"), 0, Some(2), None).unwrap();
        let page = session.feedback_tickets(&what, &order).unwrap();
        assert_eq!(page.total, theme.count);
        assert_eq!(page.rows.len(), 2.min(theme.count as usize));
        assert!(page.rows.windows(2).all(|w| w[0].id > w[1].id), "sorted");
        let unknown = FeedbackTickets::Duplicate("nope".into());
        assert!(refused(session.feedback_tickets(&unknown, &order)).contains("no group"));
    }

    #[test]
    fn bad_or_oversized_input_is_refused_and_lists_need_a_report() {
        let (_dir, session) = demo();
        let theme = FeedbackTickets::Theme("en-1".into());
        let order = list_order(&theme, None, 0, None, None).unwrap();
        assert!(refused(session.feedback_tickets(&theme, &order)).contains("Feedback screen"));
        let run = |request| session.feedback(PERIOD, request);
        let lang = FeedbackRequest {
            lang: Some("de".into()),
            ..FeedbackRequest::default()
        };
        assert!(refused(run(lang)).contains("en, ko, ru"));
        let source = FeedbackRequest {
            source: Some("x".repeat(2_000)),
            ..FeedbackRequest::default()
        };
        assert!(refused(run(source)).contains("too long"));
        let filters = FeedbackRequest {
            filters: vec!["channel=email".into(); 201],
            ..FeedbackRequest::default()
        };
        assert!(refused(run(filters)).contains("filters"));
        let bad_filter = FeedbackRequest {
            filters: vec!["colour=red".into()],
            ..FeedbackRequest::default()
        };
        assert!(refused(run(bad_filter)).contains("valid dimensions"));
        assert!(refused(list_order(&theme, Some("colour"), 0, None, None)).contains("sort"));
        let long = FeedbackTickets::Theme("x".repeat(2_000));
        assert!(refused(list_order(&long, None, 0, None, None)).contains("too long"));
    }

    #[test]
    fn a_renamed_theme_is_named_so_in_the_next_report_until_reset() {
        let (_dir, session) = demo();
        let first = session
            .feedback(PERIOD, FeedbackRequest::default())
            .unwrap();
        let theme = first.report.themes.first().expect("the demo has themes");
        session
            .rename_theme(&theme.id, Some("  Greetings "))
            .unwrap();
        let again = session
            .feedback(PERIOD, FeedbackRequest::default())
            .unwrap();
        let renamed: Vec<_> = again.report.themes.iter().filter(|t| t.renamed).collect();
        assert_eq!(renamed.len(), 1, "one theme takes the kept name");
        assert_eq!(
            (renamed[0].id.as_str(), renamed[0].label.as_str()),
            (theme.id.as_str(), "Greetings")
        );
        session.rename_theme(&theme.id, None).unwrap();
        let reset = session
            .feedback(PERIOD, FeedbackRequest::default())
            .unwrap();
        assert!(
            reset.report.themes.iter().all(|t| !t.renamed),
            "reset forgets the name"
        );
        assert_eq!(reset.report.themes[0].label, theme.label);
        assert!(refused(session.rename_theme("xx-99", Some("A"))).contains("no theme"));
    }

    #[test]
    fn an_older_request_finishing_last_does_not_replace_a_newer_report() {
        let (_dir, session) = demo();
        let older = session.start_feedback().unwrap();
        let newer = session
            .feedback(PERIOD, FeedbackRequest::default())
            .unwrap();
        let query = session.last_feedback().unwrap().query.clone();
        let mut stale = newer.report.clone();
        stale.themes.clear();
        session.keep_feedback(older, stale, query.clone()).unwrap();
        assert_eq!(session.last_feedback().unwrap().report, newer.report);
        let newest = session.start_feedback().unwrap();
        let mut latest = newer.report.clone();
        latest.duplicates.clear();
        session
            .keep_feedback(newest, latest.clone(), query)
            .unwrap();
        assert_eq!(
            session.last_feedback().unwrap().report,
            latest,
            "the newest wins"
        );
    }
}
