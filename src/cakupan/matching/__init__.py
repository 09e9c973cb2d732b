"""Who is who: linking every list and the register to persons.

Two passes. First, records sharing a valid NIK (and plausibly the same name: a NIK typo can
hit someone else's valid NIK) are the same person. Then, for every record left over (no valid
NIK, or a NIK the register does not know), a probabilistic model
(:mod:`cakupan.matching.model`, Splink on DuckDB) scores candidate register records and the
other left-over records. A pair above ``accept`` links; a pair between ``review`` and
``accept`` waits in the review queue (:mod:`cakupan.matching.review`), and a reviewer's
decision wins over the model from then on. Persons are the connected components of the
links; each record gets a ``person_key``.

Example:
    >>> MatchOptions().accept, MatchOptions().review
    (0.5, 0.2)
"""

from cakupan.matching.engine import MatchOptions, MatchSummary, match_records, score
from cakupan.matching.files import FileMatch, match_files, write_matches

__all__ = [
    "FileMatch",
    "MatchOptions",
    "MatchSummary",
    "match_files",
    "match_records",
    "score",
    "write_matches",
]
