//! Display names of the large id dimensions (users, organizations). A workspace may hold
//! hundreds of thousands of them and most queries show none, so a snapshot keeps them as
//! a two-column table that becomes a map only when a query first asks for a name.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use polars::prelude::*;

const ID: &str = "id";
const NAME: &str = "name";

/// Names by id, from a map or from a table read into one on first use.
#[derive(Default)]
pub struct Names {
    map: OnceLock<HashMap<i64, String>>,
    table: Option<DataFrame>,
}

impl Names {
    pub fn loaded(map: HashMap<i64, String>) -> Names {
        Names {
            map: OnceLock::from(map),
            table: None,
        }
    }

    /// Names from a table of this module's columns (see `table`).
    pub(crate) fn from_table(table: DataFrame) -> Names {
        Names {
            map: OnceLock::new(),
            table: Some(table),
        }
    }

    pub fn get(&self, id: i64) -> Option<&str> {
        self.map().get(&id).map(String::as_str)
    }

    pub fn map(&self) -> &HashMap<i64, String> {
        self.map.get_or_init(|| {
            let Some(table) = &self.table else {
                return HashMap::new();
            };
            // The snapshot checked the table's columns when it loaded it.
            let (Ok(ids), Ok(names)) = (table.column(ID), table.column(NAME)) else {
                return HashMap::new();
            };
            let (Ok(ids), Ok(names)) = (ids.i64(), names.str()) else {
                return HashMap::new();
            };
            ids.iter()
                .zip(names.iter())
                .filter_map(|(id, name)| Some((id?, name?.to_owned())))
                .collect()
        })
    }

    /// The names as a table (id, name) ordered by id, as a snapshot stores them.
    pub(crate) fn table(&self) -> PolarsResult<DataFrame> {
        if let Some(table) = &self.table {
            return Ok(table.clone());
        }
        let mut pairs: Vec<(i64, &str)> = self
            .map()
            .iter()
            .map(|(id, name)| (*id, name.as_str()))
            .collect();
        pairs.sort_unstable();
        let (ids, names): (Vec<i64>, Vec<&str>) = pairs.into_iter().unzip();
        DataFrame::new_infer_height(vec![
            Column::new(ID.into(), ids),
            Column::new(NAME.into(), names),
        ])
    }
}

impl fmt::Debug for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.map.get(), &self.table) {
            (Some(map), _) => write!(f, "Names({} loaded)", map.len()),
            (None, Some(table)) => write!(f, "Names({} on disk)", table.height()),
            (None, None) => f.write_str("Names(none)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_as_the_map_it_was_made_from() {
        let map = HashMap::from([(7, "Ann".to_owned()), (3, "Bo".to_owned())]);
        let names = Names::from_table(Names::loaded(map.clone()).table().unwrap());
        assert_eq!(names.get(7), Some("Ann"));
        assert_eq!(names.get(8), None);
        assert_eq!(*names.map(), map);
    }
}
