//! `deskbench forecast`: tickets expected per day or hour, per channel or group, with
//! their intervals and the backtest's MASE and sMAPE beside them.

use anyhow::Result;
use comfy_table::CellAlignment;

use deskbench::analytics::forecast::{Accuracy, ArrivalsForecast, ForecastRequest, Granularity};
use deskbench::analytics::query::report::ReportTable;

use crate::args::{Cli, ForecastArgs, Format, HistoryArgs};
use crate::output;
use crate::printable::{printable, Tabs};
use crate::session::open_session;

pub fn run(cli: &Cli, args: &ForecastArgs) -> Result<()> {
    let request = ForecastRequest {
        granularity: Some(args.granularity.clone()),
        by: args.by.clone(),
        ..request(&args.history)
    };
    let forecast = open_session(cli)?.forecast(&request)?.forecast;
    match args.format {
        Format::Table => print_tables(&forecast),
        format => output::print(&forecast, || rows(&forecast), "", format),
    }
}

/// The request of the history options, daily and for all tickets.
pub fn request(history: &HistoryArgs) -> ForecastRequest {
    ForecastRequest {
        horizon_weeks: Some(history.horizon_weeks),
        tz: history.tz.clone(),
        filters: history.filters.clone(),
        until: history.until.clone(),
        ..ForecastRequest::default()
    }
}

/// One row per series and slot, each with its series' backtest (for CSV).
fn rows(forecast: &ArrivalsForecast) -> ReportTable {
    let columns = [
        "series",
        "key",
        "period",
        "value",
        "lo80",
        "hi80",
        "lo95",
        "hi95",
        "model_mase",
        "model_smape",
        "baseline_mase",
        "baseline_smape",
        "backtest_folds",
        "backtest_reason",
    ];
    let mut rows = Vec::new();
    for series in &forecast.series {
        let backtest = &series.backtest;
        let scores = [backtest.model, backtest.baseline].map(scores);
        for point in &series.points {
            let mut row = vec![
                series.label.clone(),
                series.key.clone().unwrap_or_default(),
                point.period.clone(),
            ];
            let values = [point.value, point.lo80, point.hi80, point.lo95, point.hi95];
            row.extend(values.map(|v| v.to_string()));
            row.extend(scores.iter().flatten().cloned());
            row.push(backtest.folds.to_string());
            row.push(backtest.reason.clone().unwrap_or_default());
            rows.push(row);
        }
    }
    ReportTable {
        columns: columns.map(str::to_owned).into(),
        rows,
        null_cells: Vec::new(),
    }
}

/// MASE and sMAPE as cells, empty when null.
fn scores(accuracy: Accuracy) -> [String; 2] {
    [accuracy.mase, accuracy.smape].map(|v| v.map(|v| v.to_string()).unwrap_or_default())
}

/// The forecast as a table, then the backtest of each series and why one has no numbers.
fn print_tables(forecast: &ArrivalsForecast) -> Result<()> {
    let interval = |lo: f64, hi: f64| format!("{lo} – {hi}");
    let points = forecast.series.iter().flat_map(|s| {
        s.points.iter().map(move |p| {
            vec![
                s.label.clone(),
                p.period.clone(),
                p.value.to_string(),
                interval(p.lo80, p.hi80),
                interval(p.lo95, p.hi95),
            ]
        })
    });
    let mut table = output::table(&["series", "period", "tickets", "80%", "95%"], points);
    let backtests = forecast.series.iter().map(|s| {
        let [model_mase, model_smape] = scores(s.backtest.model);
        let [base_mase, base_smape] = scores(s.backtest.baseline);
        let dash = |cell: String| {
            if cell.is_empty() {
                "—".to_owned()
            } else {
                cell
            }
        };
        let cells = [model_mase, model_smape, base_mase, base_smape];
        let mut row = vec![s.label.clone(), s.backtest.folds.to_string()];
        row.extend(cells.map(dash));
        row
    });
    let header = [
        "series",
        "folds",
        "MASE",
        "sMAPE %",
        "naive MASE",
        "naive sMAPE %",
    ];
    let mut scores_table = output::table(&header, backtests);
    for printed in [&mut table, &mut scores_table] {
        for column in printed.column_iter_mut().skip(1) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let slot = match forecast.granularity {
        Granularity::Day => "day",
        Granularity::Hour => "hour",
    };
    let heading = format!(
        "Tickets created per {slot} from {} to {} ({}), learnt from {} to {}",
        forecast.from, forecast.to, forecast.tz, forecast.history_from, forecast.history_to
    );
    output::to_stdout(|out| {
        writeln!(out, "{heading}")?;
        writeln!(out, "{table}")?;
        writeln!(out, "Backtest ({} weeks a fold)", forecast.horizon_weeks)?;
        writeln!(out, "{scores_table}")?;
        for series in &forecast.series {
            if let Some(reason) = &series.backtest.reason {
                let note = format!("— {}: {reason}", series.label);
                writeln!(out, "{}", printable(&note, Tabs::Space))?;
            }
        }
        Ok(())
    })
}
