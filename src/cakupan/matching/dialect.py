"""The few SQL functions the model's comparisons and blocking rules use that DuckDB and Spark
write differently, one method each, so that the model is written once for both engines.

The rest of the model's SQL (``substr``, ``year``, ``abs``, ``TRY_CAST``, ``contains``,
comparisons and ``CASE``) is the same in both; Splink's own levels (exact match,
Jaro-Winkler) are written by Splink for each. ``tests/cakupan/matching/test_spark.py`` checks
that every pair reaches the same level of every comparison on both engines.

Example:
    >>> DUCKDB.first_char("l.first_token"), SPARK.first_char("l.first_token")
    ('l.first_token[1]', 'substring(l.first_token, 1, 1)')
    >>> SPARK.has_all("a", "b")
    '(size(array_except(b, a)) = 0)'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DIALECTS", "DUCKDB", "SPARK", "Dialect"]

NIK_LENGTH = 16


@dataclass(frozen=True)
class Dialect:
    """How one engine writes the model's SQL (``name``: Splink's dialect name)."""

    name: str

    @property
    def spark(self) -> bool:
        return self.name == "spark"

    def first_char(self, text: str) -> str:
        """The first character of a string."""
        return f"substring({text}, 1, 1)" if self.spark else f"{text}[1]"

    def char(self, text: str, position: int) -> str:
        """The character at ``position`` (1-based) of a string."""
        return f"substring({text}, {position}, 1)" if self.spark else f"{text}[{position}]"

    def first_item(self, items: str) -> str:
        """The first element of a list."""
        return f"element_at({items}, 1)" if self.spark else f"{items}[1]"

    def has_all(self, items: str, wanted: str) -> str:
        """Whether every element of ``wanted`` is in ``items``."""
        if self.spark:
            return f"(size(array_except({wanted}, {items})) = 0)"
        return f"list_has_all({items}, {wanted})"

    def has_any(self, left: str, right: str) -> str:
        """Whether two lists share an element."""
        name = "arrays_overlap" if self.spark else "list_has_any"
        return f"{name}({left}, {right})"

    def sort(self, items: str) -> str:
        return f"array_sort({items})" if self.spark else f"list_sort({items})"

    def hamming(self, left: str, right: str) -> str:
        """Characters that differ between two NIKs' digits (always 16 long)."""
        if not self.spark:
            return f"hamming({left}, {right})"
        differ = " + ".join(
            f"CASE WHEN {self.char(left, i)} <> {self.char(right, i)} THEN 1 ELSE 0 END"
            for i in range(1, NIK_LENGTH + 1)
        )
        return f"({differ})"

    def yyyymmdd(self, date: str) -> str:
        """A date as eight digits."""
        return f"date_format({date}, 'yyyyMMdd')" if self.spark else f"strftime({date}, '%Y%m%d')"

    def empty_list(self) -> str:
        return "array()" if self.spark else "[]"

    def jaro_winkler(self, left: str, right: str) -> str:
        """Jaro-Winkler similarity (Spark: the Splink jar's ``jaro_winkler``)."""
        return (
            f"jaro_winkler({left}, {right})"
            if self.spark
            else (f"jaro_winkler_similarity({left}, {right})")
        )

    def nik_one_typo(self, left: str, right: str) -> str:
        """One substitution, or one transposition of neighbouring digits, between two NIKs'
        digits. DuckDB: a macro (:data:`cakupan.matching.model.MACROS_SQL`), a short name
        in the level SQL that Splink parses hundreds of times; Spark has no macros."""
        if not self.spark:
            return f"nik_one_typo({left}, {right})"
        return one_typo_sql(self, left, right)


def one_typo_sql(dialect: Dialect, left: str, right: str) -> str:
    """The test :meth:`Dialect.nik_one_typo` names, written out."""
    swapped = " OR ".join(
        f"({dialect.char(left, i)} = {dialect.char(right, i + 1)} AND "
        f"{dialect.char(left, i + 1)} = {dialect.char(right, i)} AND "
        f"{dialect.char(left, i)} <> {dialect.char(right, i)})"
        for i in range(1, NIK_LENGTH)
    )
    distance = dialect.hamming(left, right)
    return f"({distance} <= 2 AND ({distance} = 1 OR ({swapped})))"


DUCKDB = Dialect("duckdb")
SPARK = Dialect("spark")
DIALECTS = {d.name: d for d in (DUCKDB, SPARK)}
