//! `figtrack._figtrack`: the extractor and the store for Python. `figtrack/__init__.py` wraps these
//! functions so that users get polars DataFrames; here every table crosses as its columns (lists
//! of Python values), in the store's own column order and types.

use chrono::NaiveDate;
use figtrack::ingest::{self, Options};
use figtrack::metrics::Catalog;
use figtrack::model::Document;
use figtrack::polars::prelude::*;
use figtrack::series::{self, Filter};
use figtrack::store::{self, Store, StoredClaim};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rayon::prelude::*;
use std::path::PathBuf;

/// One document as the wrapper passes it: id, text, published, source, title, url.
type Record = (
    String,
    String,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The document a record from Python stands for.
fn document((id, text, published, source, title, url): Record) -> Document {
    Document {
        id,
        text,
        published,
        source,
        url,
        title,
    }
}

fn error(e: anyhow::Error) -> PyErr {
    PyValueError::new_err(format!("{e:#}"))
}

/// The claims of `records` as the columns of the store's claims table; with `catalog` (a
/// `metrics.toml`), the rows `figtrack ingest` would store: each claim in its metric, and a
/// dated previous value as an observation of its own.
#[pyfunction]
#[pyo3(signature = (records, catalog=None))]
fn extract_columns(
    py: Python<'_>,
    records: Vec<Record>,
    catalog: Option<PathBuf>,
) -> PyResult<Py<PyList>> {
    let catalog = match catalog {
        Some(path) => Some(Catalog::load(&path).map_err(error)?),
        None => None,
    };
    let rows: Vec<StoredClaim> = py.detach(|| {
        records
            .into_par_iter()
            .flat_map_iter(|record| {
                let doc = document(record);
                let claims = match &catalog {
                    Some(catalog) => ingest::claims_to_store(&doc, catalog),
                    None => figtrack::extract(&doc),
                };
                claims.into_iter().map(move |claim| StoredClaim {
                    claim,
                    source: doc.source.clone(),
                })
            })
            .collect()
    });
    let df = store::claims_frame(&rows).map_err(|e| error(e.into()))?;
    frame_to_columns(py, &df)
}

/// What a run of [`ingest::store`] said, kept for Python: (level, text) pairs.
#[derive(Default)]
struct Messages(Vec<(String, String)>);

impl ingest::Events for Messages {
    fn message(&mut self, level: ingest::Level, text: &str) {
        self.0.push((level.to_string(), text.to_string()));
    }
}

/// What [`ingest_records`] returns: documents stored, their claims, documents already there,
/// and the (level, text) of each note or warning.
type Filed = (usize, usize, usize, Vec<(String, String)>);

/// Files `records` in the store at `root` (created if needed) as `figtrack ingest -q` does;
/// returns the documents new to the store, their claims, the documents it held already, and
/// the run's notes and warnings as (level, text).
#[pyfunction]
fn ingest_records(py: Python<'_>, root: PathBuf, records: Vec<Record>) -> PyResult<Filed> {
    py.detach(|| {
        let mut messages = Messages::default();
        let totals = ingest::store(&root, &Options::default(), &mut messages, |sink| {
            for record in records {
                sink.document(document(record))?;
            }
            Ok(())
        })?;
        Ok((totals.documents, totals.claims, totals.already, messages.0))
    })
    .map_err(error)
}

/// A figtrack store (a data folder) opened for reading.
#[pyclass(name = "Store", module = "figtrack")]
struct PyStore {
    root: PathBuf,
}

#[pymethods]
impl PyStore {
    #[new]
    fn new(root: PathBuf) -> PyResult<Self> {
        Store::open(&root).map_err(error)?;
        Ok(PyStore { root })
    }

    /// The stored claims (of `metrics`, or all) as columns.
    #[pyo3(signature = (metrics=None))]
    fn claims_columns(&self, py: Python<'_>, metrics: Option<Vec<String>>) -> PyResult<Py<PyList>> {
        let df = py
            .detach(|| -> anyhow::Result<DataFrame> {
                let store = Store::open(&self.root)?;
                let pred = metrics
                    .filter(|m| !m.is_empty())
                    .map(|m| series::any_of("metric", &m));
                store.collect(store.claims_where(pred)?)
            })
            .map_err(error)?;
        frame_to_columns(py, &df)
    }

    /// The series of `metrics` (or all): what `figtrack series` prints, as columns.
    #[pyo3(signature = (metrics=None, since=None, until=None))]
    fn series_columns(
        &self,
        py: Python<'_>,
        metrics: Option<Vec<String>>,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> PyResult<Py<PyList>> {
        let df = py
            .detach(|| -> anyhow::Result<DataFrame> {
                let store = Store::open(&self.root)?;
                let filter = Filter {
                    metrics: metrics.unwrap_or_default(),
                    since,
                    until,
                };
                series::compute(&store, &filter)
            })
            .map_err(error)?;
        frame_to_columns(py, &df)
    }

    #[getter]
    fn root(&self) -> PathBuf {
        self.root.clone()
    }
}

/// A frame as a list of (column name, type, list of values), in column order. The type is one
/// of "str", "f64", "bool", "date", "i64", "list" (a list of texts), so an empty frame keeps its
/// column types on the Python side.
fn frame_to_columns(py: Python<'_>, df: &DataFrame) -> PyResult<Py<PyList>> {
    let out = PyList::empty(py);
    for column in df.columns() {
        let s = column.as_materialized_series();
        let kind = match s.dtype() {
            DataType::String => "str",
            DataType::Float64 => "f64",
            DataType::Boolean => "bool",
            DataType::Date => "date",
            DataType::List(_) => "list",
            dt if dt.is_integer() => "i64",
            _ => "str",
        };
        out.append((s.name().as_str(), kind, series_to_py(py, s)?))?;
    }
    Ok(out.unbind())
}

fn series_to_py<'py>(py: Python<'py>, s: &Series) -> PyResult<Bound<'py, PyAny>> {
    let polars_error = |e: PolarsError| error(e.into());
    Ok(match s.dtype() {
        DataType::String => s
            .str()
            .map_err(polars_error)?
            .iter()
            .collect::<Vec<Option<&str>>>()
            .into_pyobject(py)?
            .into_any(),
        DataType::Float64 => s
            .f64()
            .map_err(polars_error)?
            .iter()
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
        DataType::Boolean => s
            .bool()
            .map_err(polars_error)?
            .iter()
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
        DataType::Date => s
            .date()
            .map_err(polars_error)?
            .as_date_iter()
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
        DataType::List(_) => {
            let mut rows = Vec::with_capacity(s.len());
            let list = s.list().map_err(polars_error)?;
            for i in 0..list.len() {
                rows.push(match list.get_as_series(i) {
                    Some(inner) => Some(series_to_py(py, &inner)?),
                    None => None,
                });
            }
            rows.into_pyobject(py)?.into_any()
        }
        dt if dt.is_integer() => s
            .cast(&DataType::Int64)
            .map_err(polars_error)?
            .i64()
            .map_err(polars_error)?
            .iter()
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
        _ => {
            let text = s.cast(&DataType::String).map_err(polars_error)?;
            series_to_py(py, &text)?
        }
    })
}

#[pymodule]
fn _figtrack(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_columns, m)?)?;
    m.add_function(wrap_pyfunction!(ingest_records, m)?)?;
    m.add_class::<PyStore>()?;
    Ok(())
}
