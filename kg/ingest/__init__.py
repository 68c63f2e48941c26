"""Ingestion: inputs (text, HTML, JSON Lines, directories, stdin) to :class:`kg.model.Document`.

- :func:`read_paths` streams documents from paths (:mod:`kg.ingest.readers`);
- :func:`documents_from_text` turns one page text into documents;
- :func:`segment_page` separates a news page's article from its furniture
  (:mod:`kg.ingest.segment`);
- :func:`parse_date` reads news dates to ISO (:mod:`kg.ingest.dates`);
- :func:`stable_id` derives a document id from the body text.

Nothing heavy is imported here: trafilatura loads only when an HTML page is read and
charset-normalizer only when a file is not UTF-8.
"""

from .dates import parse_date
from .readers import IngestError, documents_from_text, read_paths, stable_id
from .segment import Page, segment_page, split_tags

__all__ = [
    "read_paths",
    "documents_from_text",
    "segment_page",
    "split_tags",
    "Page",
    "parse_date",
    "stable_id",
    "IngestError",
]
