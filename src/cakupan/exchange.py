"""Status exchange with BPJS Ketenagakerjaan on keyed hashes: the regency learns who is
protected without the branch handing over membership numbers and names, and without the
regency handing over NIKs.

Protocol (``docs/exchange.md``):

1. The regency makes a secret key (:func:`key_new`: 32 random bytes and a key id). It is kept
   in the warehouse (beside the NIKs it hashes) and written once to a 0600 key file that is
   given to the branch by hand.
2. :func:`request_tokens` makes one token per person of the register: HMAC-SHA256 of the
   valid NIK, and of the normalised name with the birth date (for people whose NIK the
   branch's extract may have lost or damaged). The request file holds the key id and the
   tokens, nothing else.
3. The branch runs :func:`answer_rows` on the request with its own extract and the key file:
   for every token that one of its participants also gives, one line: token, active or
   inactive, kind of membership, last month paid. Nobody without the key can tell which
   NIK a token stands for: an unkeyed hash of a NIK is reversed by trying the ~10¹⁰ NIKs a
   regency can have, which takes minutes; with a 256-bit key it cannot be done.
4. ``cakupan import participant-status answer.csv`` stores the answer; at each refresh
   :func:`status_person_sql` links its tokens back to register persons with the key, and
   coverage counts them as it counts a linked participant.

Example:
    >>> key = ExchangeKey("k1", "00" * 32)
    >>> len(nik_token(key, "3516125708860003")), nik_token(key, "3516125708860003")[:12]
    (64, 'mojpellnikno')
    >>> person_token(key, "Drs. Djoko Tjahjono", "1986-08-17") == person_token(
    ...     key, "DJOKO TJAHJONO", "1986-08-17")
    True
"""

from __future__ import annotations

import binascii
import csv
import datetime as dt
import functools
import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cakupan._tables import neutralise
from cakupan.errors import InputError
from cakupan.identity.names import normalise_name
from cakupan.ingest.limits import Limits, check_file_size
from cakupan.warehouse import Warehouse

__all__ = [
    "ANSWER_HEADER",
    "REQUEST_HEADER",
    "UNMATCHED",
    "ExchangeKey",
    "answer_rows",
    "key_file_read",
    "key_file_write",
    "key_list",
    "key_new",
    "link_status_answers",
    "nik_person_token",
    "nik_token",
    "nik_variants",
    "person_token",
    "read_request",
    "request_tokens",
    "write_rows",
]

_NIK = re.compile(r"\d{16}")
_LETTERS = bytes.maketrans(b"0123456789", b"ghijklmnop")
REQUEST_HEADER = ("key_id", "kind", "token")
ANSWER_HEADER = ("key_id", "identifier", "status", "segment", "last_paid_month", "persons")
UNMATCHED = "unmatched"  # an answer's count of participants no token of the request finds


@dataclass(frozen=True)
class ExchangeKey:
    """A secret of the exchange (``secret``: 64 hex digits) and its id, which travels with
    every file made with it."""

    key_id: str
    secret: str

    def mac(self, text: str) -> str:
        """HMAC-SHA256 of ``text`` as 64 letters a–p: hexadecimal with the digits 0–9
        written g–p, so that no token can hold a run of digits that looks like a NIK."""
        inner, outer = _pads(self.secret)
        digest = inner.copy()
        digest.update(text.encode())
        mac = outer.copy()
        mac.update(digest.digest())
        return binascii.hexlify(mac.digest()).translate(_LETTERS).decode()


@functools.lru_cache(maxsize=8)
def _pads(secret: str) -> tuple[Any, Any]:
    """HMAC (RFC 2104) with the key's two padded blocks hashed once: a register's millions
    of tokens then cost one SHA-256 update each, a third of ``hmac.new`` per token."""
    key = bytes.fromhex(secret)
    key = hashlib.sha256(key).digest() if len(key) > 64 else key.ljust(64, b"\0")
    return (
        hashlib.sha256(bytes(b ^ 0x36 for b in key)),
        hashlib.sha256(bytes(b ^ 0x5C for b in key)),
    )


@functools.lru_cache(maxsize=1 << 16)
def _normal(name: str) -> str:
    return normalise_name(name)  # names repeat: a regency has far fewer names than people


def nik_token(key: ExchangeKey, nik: str) -> str:
    """The token of a valid NIK."""
    return key.mac("nik:" + nik)


def person_token(key: ExchangeKey, name: str, birth_date: dt.date | str) -> str:
    """The token of a person by normalised name and birth date (ISO)."""
    day = birth_date.isoformat() if isinstance(birth_date, dt.date) else str(birth_date)[:10]
    return key.mac("person:" + _normal(name) + "|" + day)


def nik_person_token(key: ExchangeKey, nik: str, name: str, birth_date: dt.date | str) -> str:
    """The token of a NIK with the birth date and the name's first letter: the branch finds
    a participant whose NIK was typed with one digit wrong by trying that NIK's
    :func:`nik_variants` against these (the date and the initial keep twins apart)."""
    day = birth_date.isoformat() if isinstance(birth_date, dt.date) else str(birth_date)[:10]
    return key.mac("nik-person:" + nik + "|" + day + "|" + _normal(name)[:1])


def nik_variants(nik: str) -> list[str]:
    """Every NIK one typing slip away from ``nik``: one digit replaced, or two neighbours
    swapped (the slips a damaged NIK in the demo's and real extracts shows).

    Example:
        >>> len(nik_variants("3516125708860003")), "3516125708860030" in nik_variants(
        ...     "3516125708860003")
        (156, True)
    """
    out = []
    for i, digit in enumerate(nik):
        out += [nik[:i] + d + nik[i + 1 :] for d in "0123456789" if d != digit]
        if i + 1 < len(nik) and nik[i + 1] != digit:
            out.append(nik[:i] + nik[i + 1] + digit + nik[i + 2 :])
    return out


def key_new(wh: Warehouse) -> ExchangeKey:
    """A new key, kept in ``wh`` (the keys made before it stay, to read answers to their
    requests)."""
    key = ExchangeKey(
        key_id=f"k{dt.date.today():%Y%m%d}-{secrets.token_hex(3)}",
        secret=secrets.token_hex(32),
    )
    wh.execute(
        "INSERT INTO exchange_key (key_id, secret, created_at) VALUES (?, ?, now())",
        [key.key_id, key.secret],
    )
    return key


def key_list(wh: Warehouse) -> list[tuple[str, dt.datetime | None]]:
    """(key id, made at) of every key, newest first (never the secrets)."""
    rows = wh.query("SELECT key_id, created_at FROM exchange_key ORDER BY created_at DESC")
    return [(r["key_id"], r["created_at"]) for r in rows]


def _key(wh: Warehouse, key_id: str | None = None) -> ExchangeKey:
    rows = (
        wh.query("SELECT key_id, secret FROM exchange_key WHERE key_id = ?", [key_id])
        if key_id
        else wh.query("SELECT key_id, secret FROM exchange_key ORDER BY created_at DESC LIMIT 1")
    )
    if not rows:
        raise InputError("exchange.no_key", key_id=key_id or "–")
    return ExchangeKey(rows[0]["key_id"], rows[0]["secret"])


def key_file_write(key: ExchangeKey, path: Path) -> Path:
    """The key as a file for the branch (0600; never overwrites one)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"format": "cakupan-exchange-key/1", "algorithm": "HMAC-SHA256",
                   "key_id": key.key_id, "secret": key.secret}, out)  # fmt: skip
    return path


def key_file_read(path: Path) -> ExchangeKey:
    """A key file written by :func:`key_file_write` (a few hundred bytes: no more is read)."""
    try:
        with path.open("rb") as handle:
            data = json.loads(handle.read(10_000).decode("utf-8"))
        key = ExchangeKey(str(data["key_id"]), str(data["secret"]))
        bytes.fromhex(key.secret)
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError("exchange.bad_key_file", file=path.name) from None
    return key


def request_tokens(
    wh: Warehouse, *, key_id: str | None = None, people: list[dict[str, Any]] | None = None
) -> tuple[ExchangeKey, list[tuple[str, str]]]:
    """The tokens of every person of the current register (or of ``people``: rows with
    ``nik``, ``name`` and ``birth_date``, such as a segment list's) — ``("nik", token)`` for
    a valid NIK, ``("person", token)`` of name and birth date and ``("nik-person", token)`` of
    the three (:func:`nik_person_token`) — made with the newest key
    (or ``key_id``), de-duplicated."""
    key = _key(wh, key_id)
    rows = people if people is not None else wh.query("SELECT nik, name, birth_date FROM register")
    return key, [(kind, token) for token, (kind, _) in _tokens_of(key, rows).items()]


def _tokens_of(
    key: ExchangeKey, rows: Iterable[dict[str, Any]], wanted: set[str] | None = None
) -> dict[str, tuple[str, int]]:
    """token -> (kind, index of the row giving it), NIK tokens first; only the ``wanted``
    ones if given (an answer's: a register's millions need not be held). A name-and-birth
    token that two people with different NIKs give (two Muhammads born the same day) is left
    out: it would tell the branch one person where there are two."""
    found: dict[str, tuple[str, int]] = {}
    nik_of: dict[str, str | None] = {}
    shared: set[str] = set()
    rows = list(rows)
    for index, row in enumerate(rows):
        nik = row.get("nik")
        if isinstance(nik, str) and _NIK.fullmatch(nik):
            token = nik_token(key, nik)
            if wanted is None or token in wanted:
                found.setdefault(token, ("nik", index))
    for index, row in enumerate(rows):
        nik, name, born = row.get("nik"), row.get("name"), row.get("birth_date")
        if not (name and born):
            continue
        valid = nik if isinstance(nik, str) and _NIK.fullmatch(nik) else None
        made = [("person", person_token(key, str(name), born))]
        if valid:
            made.append(("nik-person", nik_person_token(key, valid, str(name), born)))
        for kind, token in made:
            if wanted is not None and token not in wanted:
                continue
            if token in nik_of and (valid is None or nik_of[token] != valid):
                shared.add(token)
            elif token not in nik_of:
                nik_of[token] = valid
                found.setdefault(token, (kind, index))
    for token in shared:
        del found[token]
    return found


def write_rows(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> int:
    """A CSV (0600) of ``rows``; returns how many."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    count = 0
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(list(header))
        for row in rows:
            writer.writerow([neutralise("" if v is None else v) for v in row])
            count += 1
    return count


def read_request(path: Path, key: ExchangeKey, *, limits: Limits | None = None) -> set[str]:
    """The tokens of a request file made with ``key`` (another key is refused, naming both),
    read within ``limits`` (its size, its rows)."""
    limits = limits or Limits()
    tokens: set[str] = set()
    try:
        check_file_size(path, limits)
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if list(reader.fieldnames or []) != list(REQUEST_HEADER):
                raise InputError("exchange.not_a_request", file=path.name)
            for row in reader:
                if row["key_id"] != key.key_id:
                    raise InputError(
                        "exchange.wrong_key", file=path.name, found=row["key_id"],
                        key_id=key.key_id,
                    )  # fmt: skip
                tokens.add(row["token"][:128])
                if len(tokens) > limits.max_rows:
                    raise InputError(
                        "file.too_many_rows", file=path.name, found=f"> {limits.max_rows:,}",
                        limit=f"{limits.max_rows:,}",
                    )  # fmt: skip
    except (OSError, UnicodeDecodeError, csv.Error):
        raise InputError("exchange.not_a_request", file=path.name) from None
    return tokens


def answer_rows(wh: Warehouse, tokens: set[str], key: ExchangeKey) -> list[tuple[object, ...]]:
    """The branch's side: for each participant of the extract imported into ``wh``, its NIK
    token if the request holds it, else its name-and-birth token if the request holds that,
    else the one NIK a typing slip away that the request holds with the same birth date and
    initial (:func:`nik_person_token`; none when two are): one answer row (key id, token,
    status, kind, last month paid, 1) per token and kind of membership (of two of one kind,
    the active one). The participants no token finds are answered
    as counts only, per status and kind (identifier ``unmatched``): members the register
    does not know, counted as coverage counts an extract's unlinked participants."""
    rows = wh.query(
        "SELECT nik, name, birth_date, active, segment, last_paid_month FROM participant"
    )
    best: dict[tuple[str, str | None], tuple[object, ...]] = {}
    unmatched: dict[tuple[str, str | None], int] = {}
    for row in rows:
        status = "active" if row["active"] else "inactive"
        month = row["last_paid_month"].isoformat()[:7] if row["last_paid_month"] else None
        token = nik_token(key, row["nik"]) if row["nik"] and _NIK.fullmatch(row["nik"]) else None
        if token not in tokens:
            token = None
        if token is None and row["name"] and row["birth_date"]:
            candidate = person_token(key, row["name"], row["birth_date"])
            token = candidate if candidate in tokens else _variant_token(key, row, tokens)
        if token is None:
            unmatched[(status, row["segment"])] = unmatched.get((status, row["segment"]), 0) + 1
        elif (token, row["segment"]) not in best or best[token, row["segment"]][2] != "active":
            best[token, row["segment"]] = (key.key_id, token, status, row["segment"], month, 1)
    counts = [
        (key.key_id, UNMATCHED, status, segment, None, persons)
        for (status, segment), persons in sorted(unmatched.items(), key=str)
    ]
    return [*best.values(), *counts]


def _variant_token(key: ExchangeKey, row: dict[str, Any], tokens: set[str]) -> str | None:
    nik = row["nik"]
    if not (nik and _NIK.fullmatch(nik)):
        return None
    found = {
        token
        for variant in nik_variants(nik)
        if (token := nik_person_token(key, variant, row["name"], row["birth_date"])) in tokens
    }
    return found.pop() if len(found) == 1 else None


def link_status_answers(wh: Warehouse) -> int:
    """Link the current status answers back to register persons (``status_person``): a
    token through the key it was made with (the register's NIK tokens first, then name and
    birth date), a plain 16-digit NIK directly. An answer made with a key this warehouse
    does not hold is refused, naming the key id. Returns the persons linked."""
    answers = wh.query(
        "SELECT identifier, status = 'active' AS active, key_id, segment, "
        "coalesce(persons, 1) AS persons FROM current_src_participant_status"
    )
    wh.execute("DELETE FROM status_person")
    if not answers:
        return 0
    keys: dict[str, ExchangeKey] = {}
    for key_id in sorted({a["key_id"] for a in answers if a["key_id"]}):
        keys[key_id] = _key(wh, key_id)
    by_token: dict[str, tuple[str, int]] = {}  # token -> (person_key, register_row)
    people = wh.query("SELECT person_key, row_id, nik, name, birth_date FROM register_by_person")
    wanted = {(a["identifier"] or "").strip().lower() for a in answers}
    for key in keys.values():
        for token, (_, index) in _tokens_of(key, people, wanted).items():
            by_token.setdefault(token, (people[index]["person_key"], people[index]["row_id"]))
    by_nik = {row["nik"]: (row["person_key"], row["row_id"]) for row in people if row["nik"]}
    linked: list[tuple[str, int | None, bool, str | None]] = []
    for number, answer in enumerate(answers):
        identifier = (answer["identifier"] or "").strip().lower()
        if identifier == UNMATCHED:  # members the register does not know: no area
            for i in range(int(answer["persons"])):
                linked.append((f"S{number}-{i}", None, bool(answer["active"]), answer["segment"]))
            continue
        found = by_nik.get(identifier) if _NIK.fullmatch(identifier) else by_token.get(identifier)
        if found is not None:
            linked.append((found[0], found[1], bool(answer["active"]), answer["segment"]))
    if linked:
        import pyarrow as pa

        columns = list(zip(*linked, strict=True))
        wh.register("status_in", pa.table({
            "person_key": pa.array(columns[0], pa.string()),
            "register_row": pa.array(columns[1], pa.int64()),
            "active": pa.array(columns[2], pa.bool_()),
            "segment": pa.array(columns[3], pa.string()),
        }))  # fmt: skip
        wh.execute("INSERT INTO status_person SELECT * FROM status_in")
    return len(linked)
