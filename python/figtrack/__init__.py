"""figtrack for notebooks and Spark jobs: the extractor and the store, as polars DataFrames.

    import figtrack
    claims = figtrack.extract(
        "Pentagon officials said on Monday that 10,000 North Korean troops are in Russia.",
        published="2024-10-29", source="Wire",
    )
    figtrack.ingest("data", texts, published=dates, source="Wire", ids=names)
    store = figtrack.open("data")            # a figtrack data folder
    store.series("nk-troops-in-russia")      # what `figtrack series` prints
    store.claims()                           # the stored claims

The claims have the columns of the store's claims table (see the README); the series, the
columns of `figtrack series`. Both come from the same Rust code as the command line. As
everywhere in figtrack, `attribution` is the speaker the article names and `source` the
publication; a series lists who gave each observation's reports in `attributions`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from os import PathLike
from typing import Optional, Union

import polars as pl

from . import _figtrack

__all__ = ["extract", "ingest", "open", "Store"]

_TYPES = {
    "str": pl.Utf8,
    "f64": pl.Float64,
    "bool": pl.Boolean,
    "date": pl.Date,
    "i64": pl.Int64,
    "list": pl.List(pl.Utf8),
}

DateLike = Union[str, _dt.date, None]


def _frame(columns) -> pl.DataFrame:
    return pl.DataFrame(
        [pl.Series(name, values, dtype=_TYPES[kind], strict=False) for name, kind, values in columns]
    )


def _date(value: DateLike, what: str) -> Optional[_dt.date]:
    if value is None or isinstance(value, _dt.datetime):
        return value.date() if value is not None else None
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def _per_text(value, n: int, what: str) -> list:
    """One value for every text: a scalar is repeated, a list must have one per text."""
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            raise ValueError(f"{what}: {len(value)} values for {n} texts")
        return list(value)
    return [value] * n


def _records(texts, published, source, title, url, ids) -> list:
    """The documents of `texts` as the bindings take them: (id, text, published, source,
    title, url), each metadata value one for all texts or a list with one per text."""
    if isinstance(texts, str):
        texts = [texts]
    texts = [str(t) for t in texts]
    n = len(texts)
    ids = [str(i) for i in ids] if ids is not None else [str(i + 1) for i in range(n)]
    if len(ids) != n:
        raise ValueError(f"ids: {len(ids)} values for {n} texts")
    dates = [_date(d, "published") for d in _per_text(published, n, "published")]
    return list(
        zip(
            ids,
            texts,
            dates,
            _per_text(source, n, "source"),
            _per_text(title, n, "title"),
            _per_text(url, n, "url"),
        )
    )


def extract(
    texts: Union[str, Iterable[str]],
    *,
    published: Union[DateLike, list] = None,
    source: Union[str, None, list] = None,
    title: Union[str, None, list] = None,
    url: Union[str, None, list] = None,
    ids: Optional[list] = None,
    catalog: Union[str, PathLike, None] = None,
) -> pl.DataFrame:
    """The claims of one text or many, as a DataFrame with one row per figure.

    `published`, `source`, `title` and `url` are one value for all texts or a list with one per
    text. `ids` names the documents (default "1", "2", ...). With `catalog` (a metrics.toml),
    the rows are those `figtrack ingest` would store: each claim gets its metric, and a stated
    previous value the text dates ("up from 3,000 a week earlier") is a row of its own.
    """
    records = _records(texts, published, source, title, url, ids)
    catalog = None if catalog is None else str(catalog)
    return _frame(_figtrack.extract_columns(records, catalog))


def ingest(
    root: Union[str, PathLike],
    texts: Union[str, Iterable[str]],
    *,
    published: Union[DateLike, list] = None,
    source: Union[str, None, list] = None,
    title: Union[str, None, list] = None,
    url: Union[str, None, list] = None,
    ids: Optional[list] = None,
) -> dict:
    """Files texts in the store `root` (a data folder, created if needed) with the code of
    `figtrack ingest`: claims extracted, given their metrics from the store's metrics.toml,
    texts already in the store left out, all committed at once.

    The arguments are those of `extract`; name the documents with `ids` (another text under an
    id the store holds is stored under a new one, and a note says so). Returns the counts
    {"documents", "claims", "already"} and "messages", the run's notes and warnings as
    (level, text) pairs.
    """
    records = _records(texts, published, source, title, url, ids)
    documents, claims, already, messages = _figtrack.ingest_records(str(root), records)
    return {"documents": documents, "claims": claims, "already": already, "messages": messages}


class Store:
    """A figtrack data folder, read with the same code as the command line."""

    def __init__(self, root: Union[str, PathLike]):
        self._store = _figtrack.Store(str(root))

    @property
    def root(self):
        return self._store.root

    def claims(self, *metrics: str) -> pl.DataFrame:
        """The stored claims, of the given metrics or all."""
        return _frame(self._store.claims_columns(list(metrics) or None))

    def series(self, *metrics: str, since: DateLike = None, until: DateLike = None) -> pl.DataFrame:
        """The series of the given metrics (or all): one row per metric and as-of date."""
        return _frame(
            self._store.series_columns(
                list(metrics) or None, _date(since, "since"), _date(until, "until")
            )
        )

    def __repr__(self) -> str:
        return f"figtrack.Store({str(self.root)!r})"


def open(root: Union[str, PathLike] = "data") -> Store:  # noqa: A001 - figtrack.open(store)
    """Opens a figtrack data folder for reading."""
    return Store(root)
