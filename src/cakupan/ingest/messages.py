"""Messages of validation findings, in Indonesian (default) and English.

Each code has a template per language with ``{name}`` placeholders; ``{column}`` is always
available. The code is stable; the wording may improve.

Example:
    >>> message("nik.length", "id", {"value": "351612", "n": 6, "column": "NIK"})
    'NIK harus 16 digit; "351612" berisi 6 digit.'
"""

from __future__ import annotations

from typing import Any

from cakupan.errors import fill_message

__all__ = ["MESSAGES", "message"]

MESSAGES: dict[str, tuple[str, str]] = {
    "nik.missing": ("NIK kosong.", "NIK is empty."),
    "nik.scientific_notation": (
        "NIK rusak oleh Excel menjadi notasi ilmiah ({value}); digit terakhirnya hilang. "
        "Ubah format kolom menjadi Teks lalu ketik ulang NIK.",
        "Excel turned this NIK into scientific notation ({value}); its last digits are lost. "
        "Format the column as Text and type the NIK again.",
    ),
    "nik.precision_lost": (
        "NIK tersimpan sebagai angka di Excel sehingga digit terakhir berubah menjadi 0 "
        "({value}). Ubah format kolom menjadi Teks lalu ketik ulang NIK.",
        "Excel stored this NIK as a number and its last digit became 0 ({value}). Format the "
        "column as Text and type the NIK again.",
    ),
    "nik.non_digit": (
        'NIK hanya boleh berisi angka: "{value}".',
        'A NIK may contain only digits: "{value}".',
    ),
    "nik.length": (
        'NIK harus 16 digit; "{value}" berisi {n} digit.',
        'A NIK has 16 digits; "{value}" has {n}.',
    ),
    "nik.region_unknown": (
        "Kode kecamatan {district} pada NIK {value} tidak ada.",
        "NIK {value} starts with kecamatan code {district}, which does not exist.",
    ),
    "nik.birth_date_invalid": (
        "Tanggal lahir di dalam NIK {value} tidak mungkin ({ddmmyy}).",
        "NIK {value} encodes an impossible birth date ({ddmmyy}).",
    ),
    "nik.serial_invalid": (
        "NIK {value} berakhir 0000; bila datanya lewat Excel, digit terakhir mungkin hilang.",
        "NIK {value} ends in 0000; if it went through Excel, its last digit may be lost.",
    ),
    "nik.birth_date_mismatch": (
        "Tanggal lahir di NIK ({nik_date}) berbeda dengan kolom tanggal lahir ({value}).",
        "The birth date in the NIK ({nik_date}) differs from the birth-date column ({value}).",
    ),
    "nik.duplicate_other_name": (
        "NIK {value} juga dipakai dengan nama lain di baris {rows}.",
        "NIK {value} is also used with another name on row(s) {rows}.",
    ),
    "nik.temporary": (
        "NIK {value} adalah NIK sementara OpenSID (0 + kode desa + nomor urut), bukan NIK "
        "Dukcapil; penduduk disimpan tanpa NIK dan dicocokkan lewat nama, tanggal dan tempat "
        "lahir. Perbarui NIK-nya setelah terbit.",
        "NIK {value} is an OpenSID temporary NIK (0 + desa code + serial), not a Dukcapil NIK; "
        "the resident is kept without a NIK and matched by name, birth date and place. Update "
        "it once the real NIK is issued.",
    ),
    "date.missing": ("Tanggal kosong.", "The date is empty."),
    "date.unreadable": (
        'Tanggal "{value}" tidak terbaca; tulis seperti 31/01/1986 atau 1986-01-31.',
        '"{value}" is not a date; write it as 31/01/1986 or 1986-01-31.',
    ),
    "date.impossible": (
        'Tanggal "{value}" tidak ada di kalender.',
        'The date "{value}" does not exist.',
    ),
    "date.out_of_range": (
        'Tahun pada tanggal "{value}" tidak masuk akal.',
        'The year of "{value}" is not plausible.',
    ),
    "month.unreadable": (
        'Bulan "{value}" tidak terbaca; tulis seperti 2023-02.',
        '"{value}" is not a month; write it as 2023-02.',
    ),
    "value.missing": ("Kolom {column} wajib diisi.", "{column} is required."),
    "value.not_allowed": (
        '"{value}" bukan nilai yang sah; pilih salah satu: {allowed}.',
        '"{value}" is not allowed; use one of: {allowed}.',
    ),
    "value.not_number": ('"{value}" bukan angka.', '"{value}" is not a number.'),
    "value.too_small": (
        '"{value}" lebih kecil dari batas {minimum}.',
        '"{value}" is below the minimum {minimum}.',
    ),
    "value.too_large": (
        '"{value}" lebih besar dari batas {maximum}.',
        '"{value}" is above the maximum {maximum}.',
    ),
    "code.unknown": (
        '"{value}" tidak ada dalam daftar kode {list}; nilai ini dikosongkan.',
        '"{value}" is not in the {list} code list; the value is left empty.',
    ),
    "occupation.unknown": (
        'Pekerjaan "{value}" tidak dikenal (bukan salah satu dari 89 pekerjaan Dukcapil); '
        "disimpan apa adanya tetapi belum dihitung sebagai penduduk bekerja.",
        'Occupation "{value}" is unknown (not one of the 89 Dukcapil occupations); it is kept '
        "as written but not counted as working.",
    ),
    "resident.not_living": (
        "Status dasar {status}: penduduk disimpan dalam snapshot tetapi tidak dihitung sebagai "
        "penduduk hidup maupun pekerja.",
        "Status dasar {status}: the resident is kept in the snapshot but not counted as a "
        "living resident or worker.",
    ),
    "desa.not_given": (
        "Baris ini untuk desa {value}, tetapi berkas diimpor untuk desa {given} (--desa).",
        "This row is for desa {value}, but the file is imported for desa {given} (--desa).",
    ),
    "kpj.invalid": (
        'Nomor KPJ "{value}" harus 8 sampai 13 digit.',
        'KPJ "{value}" must have 8 to 13 digits.',
    ),
    "kpj.scientific_notation": (
        "Nomor KPJ rusak oleh Excel menjadi notasi ilmiah ({value}).",
        "Excel turned this KPJ into scientific notation ({value}).",
    ),
    "identifier.invalid": (
        '"{value}" bukan NIK yang sah maupun hash: {why}',
        '"{value}" is neither a valid NIK nor a hash: {why}',
    ),
    "area.unknown": ('Kode wilayah "{value}" tidak dikenal.', 'Unknown area code "{value}".'),
    "desa.not_found": (
        'Desa "{value}" tidak ditemukan di kabupaten ini. {close_id}',
        'Desa "{value}" was not found in this regency. {close_en}',
    ),
    "desa.ambiguous": (
        'Ada beberapa desa bernama "{value}" (kecamatan {where}); isi kolom kecamatan.',
        'Several desa are named "{value}" (kecamatan {where}); fill in the kecamatan column.',
    ),
    "desa.other_kecamatan": (
        'Desa "{value}" tidak ada di kecamatan {kecamatan}, tetapi ada di kecamatan {where}.',
        'Desa "{value}" is not in kecamatan {kecamatan} but in {where}.',
    ),
    "kecamatan.not_found": (
        'Kecamatan "{value}" tidak ditemukan. {close_id}',
        'Kecamatan "{value}" was not found. {close_en}',
    ),
    "text.control_characters": (
        "Karakter kendali (misalnya NUL) di sel ini dibuang.",
        "Control characters (such as NUL) in this cell were removed.",
    ),
    "cell.too_long": (
        "Isi sel ini {length} karakter, melebihi batas {limit}; baris ditolak.",
        "This cell holds {length} characters, more than the limit of {limit}; the row is rejected.",
    ),
    "encoding.mixed": (
        "Baris ini tidak ditulis dalam UTF-8 seperti baris lainnya; dibaca sebagai "
        "Windows-1252. Periksa huruf-huruf khusus pada nama dan alamat.",
        "This line is not UTF-8 like the rest of the file; it was read as Windows-1252. Check "
        "the special letters of its names and addresses.",
    ),
    "row.duplicate": (
        "Baris ini sama persis dengan baris {first}.",
        "This row is identical to row {first}.",
    ),
    "row.field_count": (
        "Jumlah kolom pada baris ini tidak sesuai dengan judul kolom.",
        "This row does not have as many fields as the header.",
    ),
}


def message(code: str, language: str, params: dict[str, Any]) -> str:
    """The message of a finding in ``language`` (``id`` or ``en``)."""
    templates = MESSAGES.get(code, (code, code))
    template = templates[1] if language == "en" else templates[0]
    return fill_message(template, params)
