//! A chart's data as a table, from the very `ChartSpec` the chart is drawn from, so the
//! file holds the numbers the reader saw. One row per category: the category (a real
//! date on date axes) and, when any bucket is partial, `partial` (1 for a bucket the
//! range cuts or that reaches today, 0 for a whole one), then per series its value and, where the spec has them, its
//! sample size (`<series> n`), small-sample flag (`<series> small_sample`, 1 when the
//! value rests on too few records to read, 0 otherwise), why a value is null when its
//! sources cannot support the KPI (`<series> null_reason`, beside the empty cell rather
//! than on a notes sheet, so CSV and Parquet keep it too) and interval
//! (`<series> ci_low`, `<series> ci_high`).
//! A heatmap becomes its matrix: one row per series (ISO weekday, 1 = Monday, for the
//! hour-of-week heatmap), one column per category. The chart's context goes with it
//! (`About`), in the export's language.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::analytics::engine::value::NullReason;
use crate::charts::{ChartKind, ChartSeries, ChartSpec, Locale, Unit, XKind};

use super::table::{About, Cell, Column, ColumnKind, Row, Table};
use super::ExportError;

/// The table of a chart, with its context in `locale`; the spec is validated first (it
/// may come from the web view).
pub fn chart_table(spec: &ChartSpec, locale: Locale) -> Result<Table, ExportError> {
    spec.validate()?;
    let (columns, rows) = if spec.kind == ChartKind::Heatmap {
        matrix(spec)
    } else {
        by_category(spec)
    };
    let about = spec.context.as_ref().map(|c| About::of(c, locale));
    Ok(Table::new(spec.title.clone(), unique(columns), rows).with_about(about))
}

fn by_category(spec: &ChartSpec) -> (Vec<Column>, Vec<Row>) {
    let labels = &spec.x.labels;
    let (name, kind, categories): (&str, ColumnKind, Vec<Cell>) = match spec.x.kind {
        XKind::Date => match dates(labels) {
            Some(dates) => ("period", ColumnKind::Date, dates),
            None => ("period", ColumnKind::Text, texts(labels)),
        },
        XKind::Hour => match integers(labels) {
            Some(hours) => ("hour", ColumnKind::Integer, hours),
            None => ("hour", ColumnKind::Text, texts(labels)),
        },
        XKind::Text => ("category", ColumnKind::Text, texts(labels)),
    };
    let mut columns = vec![Column::new(name, kind)];
    let mut rows: Vec<Row> = categories.into_iter().map(|c| vec![c]).collect();
    if let Some(partial) = &spec.x.partial {
        columns.push(Column::new("partial", ColumnKind::Integer));
        push(
            &mut rows,
            partial.iter().map(|p| Cell::Integer((*p).into())),
        );
    }
    for series in &spec.series {
        let kind = value_kind(spec.unit, [series]);
        columns.push(Column::new(series.name.clone(), kind));
        push(&mut rows, series.values.iter().map(|v| value(*v, kind)));
        if let Some(samples) = &series.samples {
            columns.push(Column::new(
                format!("{} n", series.name),
                ColumnKind::Integer,
            ));
            let sample = |n: &Option<u64>| n.and_then(|n| i64::try_from(n).ok()).into();
            push(&mut rows, samples.iter().map(sample));
        }
        if series.small_sample.is_some() {
            columns.push(Column::new(
                format!("{} small_sample", series.name),
                ColumnKind::Integer,
            ));
            push(&mut rows, small_flags(series));
        }
        if let Some(reasons) = &series.null_reasons {
            columns.push(Column::new(
                format!("{} null_reason", series.name),
                ColumnKind::Text,
            ));
            let reason = |r: &Option<NullReason>| match r {
                Some(r) => Cell::Text(r.reason.clone()),
                None => Cell::Null,
            };
            push(&mut rows, reasons.iter().map(reason));
        }
        if let Some(band) = &series.band {
            let kind = band_kind(spec.unit);
            for (suffix, bound) in [("ci_low", &band.low), ("ci_high", &band.high)] {
                columns.push(Column::new(format!("{} {suffix}", series.name), kind));
                push(&mut rows, bound.iter().map(|v| value(*v, kind)));
            }
        }
    }
    (columns, rows)
}

/// 1 where a value rests on a small sample, 0 where it does not, null where there is no
/// value.
fn small_flags(series: &ChartSeries) -> impl Iterator<Item = Cell> + '_ {
    series.values.iter().enumerate().map(|(i, v)| match v {
        None => Cell::Null,
        Some(_) => Cell::Integer(series.is_small(i).into()),
    })
}

fn matrix(spec: &ChartSpec) -> (Vec<Column>, Vec<Row>) {
    let names: Vec<String> = spec.series.iter().map(|s| s.name.clone()).collect();
    let weekdays =
        integers(&names).filter(|days| days.iter().all(|d| matches!(d, Cell::Integer(1..=7))));
    let (first, heads) = match weekdays {
        Some(days) => (Column::new("iso_weekday", ColumnKind::Integer), days),
        None => (Column::new("series", ColumnKind::Text), texts(&names)),
    };
    let kind = value_kind(spec.unit, &spec.series);
    let mut columns = vec![first];
    columns.extend(spec.x.labels.iter().map(|l| Column::new(l.clone(), kind)));
    let rows = spec
        .series
        .iter()
        .zip(heads)
        .map(|(series, head)| {
            std::iter::once(head)
                .chain(series.values.iter().map(|v| value(*v, kind)))
                .collect()
        })
        .collect();
    (columns, rows)
}

/// The kind of a unit's values; counts that are not whole numbers stay numbers.
fn value_kind<'s>(unit: Unit, series: impl IntoIterator<Item = &'s ChartSeries>) -> ColumnKind {
    match unit {
        Unit::Count => {
            let whole = series
                .into_iter()
                .flat_map(|s| s.values.iter().flatten())
                .all(|v| v.fract() == 0.0 && v.abs() < 9.0e15);
            if whole {
                ColumnKind::Integer
            } else {
                ColumnKind::Number
            }
        }
        // A difference of shares stays a fraction, as the feedback tables write it.
        Unit::Share | Unit::Points => ColumnKind::Share,
        Unit::Minutes => ColumnKind::Minutes,
        Unit::Number => ColumnKind::Number,
    }
}

/// An interval's bounds are numbers of the value's unit, never forced to whole counts.
fn band_kind(unit: Unit) -> ColumnKind {
    match unit {
        Unit::Share | Unit::Points => ColumnKind::Share,
        Unit::Minutes => ColumnKind::Minutes,
        Unit::Count | Unit::Number => ColumnKind::Number,
    }
}

fn value(v: Option<f64>, kind: ColumnKind) -> Cell {
    match (v, kind) {
        (None, _) => Cell::Null,
        (Some(v), ColumnKind::Integer) => Cell::Integer(v as i64),
        (Some(v), _) => Cell::Number(v),
    }
}

fn push(rows: &mut [Row], cells: impl Iterator<Item = Cell>) {
    for (row, cell) in rows.iter_mut().zip(cells) {
        row.push(cell);
    }
}

fn texts(labels: &[String]) -> Vec<Cell> {
    labels.iter().map(|l| Cell::Text(l.clone())).collect()
}

/// All labels as dates, or `None` if one is not `YYYY-MM-DD`.
fn dates(labels: &[String]) -> Option<Vec<Cell>> {
    labels
        .iter()
        .map(|l| {
            NaiveDate::parse_from_str(l, "%Y-%m-%d")
                .ok()
                .map(Cell::Date)
        })
        .collect()
}

fn integers(labels: &[String]) -> Option<Vec<Cell>> {
    labels
        .iter()
        .map(|l| l.trim().parse::<i64>().ok().map(Cell::Integer))
        .collect()
}

/// Column names made unique (Parquet and filters need it): later repeats get ` (2)`, ….
fn unique(columns: Vec<Column>) -> Vec<Column> {
    let mut seen = HashSet::new();
    columns
        .into_iter()
        .map(|mut column| {
            let base = column.name.clone();
            let mut n = 1;
            while !seen.insert(column.name.clone()) {
                n += 1;
                column.name = format!("{base} ({n})");
            }
            column
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::engine::support::GapCode;
    use crate::charts::spec::{Band, XAxis};
    use crate::export::TableSource;

    fn spec(kind: ChartKind, x: XKind, labels: &[&str], series: Vec<ChartSeries>) -> ChartSpec {
        ChartSpec {
            kind,
            title: "CSAT".into(),
            subtitle: None,
            context: None,
            x: XAxis {
                kind: x,
                labels: labels.iter().map(|l| l.to_string()).collect(),
                ..XAxis::default()
            },
            unit: Unit::Share,
            series,
            value_labels: false,
        }
    }

    #[test]
    fn a_date_series_has_real_dates_samples_and_its_band() {
        let mut csat = ChartSeries::plain("All tickets", vec![Some(0.9), None]);
        csat.samples = Some(vec![Some(40), Some(0)]);
        csat.small_sample = Some(vec![false, false]);
        csat.band = Some(Band {
            low: vec![Some(0.8), None],
            high: vec![Some(0.95), None],
        });
        let spec = spec(
            ChartKind::Line,
            XKind::Date,
            &["2025-01-06", "2025-01-13"],
            vec![csat],
        );
        let mut table = chart_table(&spec, Locale::En).unwrap();
        let names: Vec<&str> = table.columns().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "period",
                "All tickets",
                "All tickets n",
                "All tickets small_sample",
                "All tickets ci_low",
                "All tickets ci_high"
            ]
        );
        assert_eq!(table.columns()[0].kind, ColumnKind::Date);
        assert_eq!(table.columns()[1].kind, ColumnKind::Share);
        let rows = table.next_rows().unwrap().unwrap();
        assert_eq!(
            rows[0],
            vec![
                Cell::Date(NaiveDate::from_ymd_opt(2025, 1, 6).unwrap()),
                Cell::Number(0.9),
                Cell::Integer(40),
                Cell::Integer(0),
                Cell::Number(0.8),
                Cell::Number(0.95),
            ]
        );
        assert_eq!(rows[1][1], Cell::Null);
        assert_eq!(rows[1][3], Cell::Null, "no value, no flag");
    }

    #[test]
    fn a_value_on_a_small_sample_is_flagged() {
        let mut reply = ChartSeries::plain("Median", vec![Some(45.0), Some(600.0)]);
        reply.samples = Some(vec![Some(120), Some(1)]);
        reply.small_sample = Some(vec![false, true]);
        let chart = spec(ChartKind::Bar, XKind::Text, &["Email", "Chat"], vec![reply]);
        let mut table = chart_table(&chart, Locale::En).unwrap();
        assert_eq!(table.columns()[3].name, "Median small_sample");
        let rows = table.next_rows().unwrap().unwrap();
        assert_eq!(
            (&rows[0][3], &rows[1][3]),
            (&Cell::Integer(0), &Cell::Integer(1))
        );
    }

    #[test]
    fn a_value_null_for_a_reason_carries_it_beside_the_empty_cell() {
        let mut reopen = ChartSeries::plain("reopen_rate", vec![Some(0.5), None, None]);
        reopen.null_reasons = Some(vec![
            None,
            Some(NullReason {
                code: GapCode::NotInFileImports,
                reason: "imported files carry no count of reopens".into(),
            }),
            None,
        ]);
        let labels = ["Zendesk", "Jira export", "Empty"];
        let chart = spec(ChartKind::Bar, XKind::Text, &labels, vec![reopen]);
        let mut table = chart_table(&chart, Locale::En).unwrap();
        assert_eq!(table.columns()[2].name, "reopen_rate null_reason");
        assert_eq!(table.columns()[2].kind, ColumnKind::Text);
        let rows = table.next_rows().unwrap().unwrap();
        let reasons: Vec<&Cell> = rows.iter().map(|r| &r[2]).collect();
        assert_eq!(
            reasons,
            [
                &Cell::Null,
                &Cell::Text("imported files carry no count of reopens".into()),
                &Cell::Null
            ],
            "only the value null for a reason has one"
        );
        let plain = spec(
            ChartKind::Bar,
            XKind::Text,
            &labels,
            vec![ChartSeries::plain("n", vec![None; 3])],
        );
        let names = chart_table(&plain, Locale::En).unwrap().columns().len();
        assert_eq!(names, 2, "no reasons, no column");
    }

    #[test]
    fn partial_buckets_are_flagged_after_the_period() {
        let mut volume = spec(
            ChartKind::Bar,
            XKind::Date,
            &["2025-01-06", "2025-01-13"],
            vec![ChartSeries::plain("Created", vec![Some(40.0), Some(12.0)])],
        );
        volume.x.partial = XAxis::partial_flags(vec![false, true]);
        let mut table = chart_table(&volume, Locale::En).unwrap();
        let names: Vec<&str> = table.columns().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["period", "partial", "Created"]);
        let rows = table.next_rows().unwrap().unwrap();
        assert_eq!(
            (&rows[0][1], &rows[1][1]),
            (&Cell::Integer(0), &Cell::Integer(1))
        );
    }

    #[test]
    fn an_hour_of_week_heatmap_is_a_weekday_by_hour_matrix() {
        let days = (1..=7)
            .map(|d| ChartSeries::plain(&d.to_string(), vec![Some(d as f64), Some(0.0)]))
            .collect();
        let mut heat = spec(ChartKind::Heatmap, XKind::Hour, &["0", "1"], days);
        heat.unit = Unit::Count;
        let mut table = chart_table(&heat, Locale::En).unwrap();
        let names: Vec<&str> = table.columns().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["iso_weekday", "0", "1"]);
        let rows = table.next_rows().unwrap().unwrap();
        assert_eq!(rows.len(), 7);
        assert_eq!(
            rows[6],
            vec![Cell::Integer(7), Cell::Integer(7), Cell::Integer(0)]
        );
    }

    #[test]
    fn the_chart_s_context_goes_with_its_table_in_the_export_s_language() {
        use crate::analytics::engine::kpi::{Hours, KpiId};
        use crate::charts::ChartContext;
        let mut with = spec(ChartKind::Bar, XKind::Text, &["email"], vec![]);
        assert!(chart_table(&with, Locale::En).unwrap().about().is_none());
        with.context = Some(ChartContext {
            kpi: Some(KpiId::Csat),
            from: "2026-11-10".into(),
            to: "2026-12-07".into(),
            tz: "UTC".into(),
            hours: Some(Hours::Calendar),
            filters: Vec::new(),
            n: Some(40),
            as_of: None,
        });
        let table = chart_table(&with, Locale::Ko).unwrap();
        let about = table.about().expect("a context");
        assert_eq!(about.sheet, "정보");
        let period = about.lines.iter().find(|l| l.key == "period").unwrap();
        assert_eq!(
            (period.label, period.value.as_str()),
            ("기간", "2026년 11월 10일 – 12월 7일")
        );
    }

    #[test]
    fn repeated_names_are_made_unique_and_bad_specs_refused() {
        let twice = vec![
            ChartSeries::plain("p90", vec![Some(0.5)]),
            ChartSeries::plain("p90", vec![Some(0.6)]),
        ];
        let table = chart_table(
            &spec(ChartKind::Bar, XKind::Text, &["email"], twice),
            Locale::En,
        )
        .unwrap();
        let names: Vec<&str> = table.columns().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["category", "p90", "p90 (2)"]);
        let short = vec![ChartSeries::plain("x", vec![])];
        assert!(matches!(
            chart_table(
                &spec(ChartKind::Bar, XKind::Text, &["email"], short),
                Locale::En
            ),
            Err(ExportError::Spec(_))
        ));
    }
}
