"""Source types: what each kind of incoming file must contain.

A schema names its columns, their kind (how a cell is read and checked), whether they are
required, their allowed values and the header spellings that map to them without
configuration. Schemas are data; the importer is generic.

Example:
    >>> SOURCE_TYPES["register"].column("nik").required
    True
    >>> sorted(SOURCE_TYPES)[:3]
    ['cards', 'companies', 'company-registration']
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["KINDS", "SOURCE_TYPES", "SYNONYMS", "Column", "SourceType", "schemas_markdown"]

# How a cell is read: nik (16 digits), name, text, date, month (YYYY-MM), int, money,
# enum (allowed values), code (a Dukcapil code list of ``cakupan.codes``: number or label),
# desa / kecamatan (resolved in the regency), area (any area code), kpj (participant number),
# identifier (NIK or keyed hash).
KINDS = (
    "nik",
    "name",
    "text",
    "date",
    "month",
    "int",
    "money",
    "enum",
    "code",
    "desa",
    "kecamatan",
    "area",
    "kpj",
    "identifier",
)

# Header spellings by column; matching is case-, space- and punctuation-blind.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "nik": (
        "NIK",
        "NO KTP",
        "NO. KTP",
        "NOMOR KTP",
        "NIK KTP",
        "NOMOR INDUK KEPENDUDUKAN",
        "NO NIK",
        "NOMOR NIK",
        "KTP",
        "NIK PESERTA",
        "NIK DEBITUR",
        "NIK PENERIMA",
    ),
    "kk": ("NO KK", "NO_KK", "NOMOR KK", "KK", "NO KARTU KELUARGA", "NOMOR KARTU KELUARGA"),
    "name": (
        "NAMA",
        "NAMA LENGKAP",
        "NAMA PESERTA",
        "NAMA DEBITUR",
        "NAMA_LENGKAP",
        "NAME",
        "FULL NAME",
        "NAMA TENAGA KERJA",
        "NAMA PENERIMA",
        "NAMA GURU",
        "NAMA ANGGOTA",
        "NAMA AHLI WARIS",
        "NAMA PEGAWAI",
        "NAMA PERANGKAT",
        "NAMA PENDUDUK",
        "NAMA WARGA",
    ),
    "birth_date": (
        "TGL LAHIR",
        "TANGGAL LAHIR",
        "TGL_LAHIR",
        "TANGGAL_LAHIR",
        "TGLLAHIR",
        "DATE OF BIRTH",
        "DOB",
        "BIRTH DATE",
        "TGL. LAHIR",
    ),
    "birth_place": ("TEMPAT LAHIR", "TEMPAT_LAHIR", "TMP LAHIR", "PLACE OF BIRTH"),
    "ttl": (
        "TTL",
        "TEMPAT, TANGGAL LAHIR",
        "TEMPAT TANGGAL LAHIR",
        "TEMPAT/TGL LAHIR",
        "TEMPAT / TANGGAL LAHIR",
        "TEMPAT TGL LAHIR",
    ),
    "sex": ("JENIS KELAMIN", "JENIS_KELAMIN", "JK", "L/P", "SEX", "GENDER", "KELAMIN"),
    "address": ("ALAMAT", "ALAMAT LENGKAP", "ADDRESS", "ALAMAT RUMAH"),
    "dusun": ("DUSUN", "NAMA DUSUN", "DUSUN/LINGKUNGAN", "LINGKUNGAN"),
    "religion": ("AGAMA", "RELIGION"),
    "relation": (
        "SHDK",
        "HUBUNGAN KELUARGA",
        "HUB. KELUARGA",
        "STATUS HUBUNGAN DALAM KELUARGA",
        "HUBUNGAN DALAM KELUARGA",
        "KK_LEVEL",
    ),
    "marital_status": ("STATUS KAWIN", "STATUS PERKAWINAN", "STATUS_KAWIN", "PERKAWINAN"),
    "status_dasar": ("STATUS DASAR", "STATUS_DASAR", "STATUS KEPENDUDUKAN"),
    "rt": ("RT",),
    "rw": ("RW",),
    "desa": (
        "DESA",
        "KELURAHAN",
        "DESA/KEL",
        "DESA/KELURAHAN",
        "KEL/DESA",
        "NAMA DESA",
        "KODE DESA",
        "KODE_DESA",
        "DESA KELURAHAN",
        "VILLAGE",
        "DESA DOMISILI",
        "DOMISILI",
    ),
    "kecamatan": ("KEC", "KECAMATAN", "NAMA KECAMATAN", "KODE KECAMATAN", "DISTRICT"),
    "occupation": ("PEKERJAAN", "JENIS PEKERJAAN", "OCCUPATION", "PROFESI"),
    "kpj": ("KPJ", "NO KPJ", "NOMOR PESERTA", "NO PESERTA", "NOMOR KPJ", "NO. KPJ"),
    "segment": (
        "SEGMEN",
        "SEGMEN KEPESERTAAN",
        "KATEGORI",
        "JENIS KEPESERTAAN",
        "SEGMENT",
        "PROGRAM KEPESERTAAN",
    ),
    "npp": ("NPP", "NO NPP", "NOMOR PENDAFTARAN PERUSAHAAN", "KODE PERUSAHAAN"),
    "nib": ("NIB", "NOMOR INDUK BERUSAHA"),
    "status": ("STATUS", "STATUS KEPESERTAAN", "STATUS PESERTA", "KEAKTIFAN", "AKTIF"),
    "registered_on": (
        "TGL KEPESERTAAN",
        "TANGGAL KEPESERTAAN",
        "TMT KEPESERTAAN",
        "TGL DAFTAR",
        "TANGGAL DAFTAR",
        "TGL REGISTRASI",
        "REGISTERED",
    ),
    "last_paid_month": (
        "BLTH IURAN TERAKHIR",
        "BULAN IURAN TERAKHIR",
        "IURAN TERAKHIR",
        "BLTH TERAKHIR",
        "LAST PAID",
        "BULAN BAYAR TERAKHIR",
    ),
    "identifier": ("NIK", "HASH", "ID", "NIK HASH", "IDENTIFIER", "KODE"),
    "detail": (
        "JABATAN",
        "BANK",
        "POSISI",
        "KETERANGAN",
        "LEMBAGA",
        "PENYALUR",
        "NAMA BANK",
        "UNIT KERJA",
        "JENIS",
    ),
    "company_name": ("NAMA PERUSAHAAN", "PERUSAHAAN", "NAMA BADAN USAHA", "COMPANY"),
    "sector": ("SEKTOR", "SEKTOR USAHA", "BIDANG USAHA", "KBLI", "SECTOR"),
    "risk_class": ("KELAS RISIKO", "TINGKAT RISIKO", "RISIKO", "RISK CLASS"),
    "declared_workers": (
        "JUMLAH TK",
        "JUMLAH TENAGA KERJA",
        "JUMLAH KARYAWAN",
        "TK",
        "JUMLAH PEKERJA",
    ),
    "declared_wage": ("RATA-RATA UPAH", "RATA RATA UPAH", "UPAH RATA-RATA", "UPAH"),
    "registered_workers": (
        "TK TERDAFTAR",
        "JUMLAH TK TERDAFTAR",
        "TENAGA KERJA TERDAFTAR",
        "PESERTA TERDAFTAR",
    ),
    "reported_wage": ("RATA-RATA UPAH DILAPORKAN", "UPAH DILAPORKAN", "UPAH LAPOR"),
    "programs": ("PROGRAM", "PROGRAM DIIKUTI", "PROGRAMS"),
    "area_code": ("KODE WILAYAH", "KODE", "WILAYAH", "AREA CODE", "KODE KEMENDAGRI"),
    "year": ("TAHUN", "YEAR", "PERIODE"),
    "figure": ("PENDUDUK BEKERJA", "JUMLAH", "JUMLAH PENDUDUK BEKERJA", "ANGKA", "FIGURE"),
    "source": ("SUMBER", "SOURCE", "SUMBER DATA"),
    "program": ("PROGRAM", "JENIS MANFAAT", "JENIS KLAIM", "PROGRAM MANFAAT"),
    "amount": (
        "NOMINAL",
        "JUMLAH",
        "BESARAN",
        "NILAI",
        "JUMLAH SANTUNAN",
        "AMOUNT",
        "JUMLAH MANFAAT",
        "ANGGARAN",
        "BUDGET",
        "NILAI ANGGARAN",
    ),
    "date": (
        "TANGGAL",
        "TGL",
        "TANGGAL BAYAR",
        "TANGGAL KEGIATAN",
        "TANGGAL PENYERAHAN",
        "DATE",
        "TGL KEGIATAN",
        "TGL BAYAR",
    ),
    "cause": ("SEBAB", "PENYEBAB", "KETERANGAN KLAIM", "KASUS"),
    "event_name": ("NAMA KEGIATAN", "KEGIATAN", "ACARA", "EVENT"),
    "venue_type": ("JENIS TEMPAT", "TEMPAT", "LOKASI", "VENUE"),
    "attendance": ("JUMLAH PESERTA", "PESERTA HADIR", "KEHADIRAN", "HADIR"),
    "registrations": ("PENDAFTARAN", "JUMLAH PENDAFTAR", "PENDAFTAR BARU", "REGISTRASI"),
    "payer": ("PEMBERI", "PENYANDANG DANA", "SPONSOR", "NAMA PEMBERI", "PAYER", "DONATUR"),
    "payer_type": ("JENIS PEMBERI", "SUMBER DANA", "JENIS DANA", "PAYER TYPE"),
    "months": ("BULAN", "JUMLAH BULAN", "DURASI BULAN", "MONTHS", "LAMA BULAN"),
    "age_min": ("USIA MIN", "UMUR MIN", "USIA MINIMAL"),
    "age_max": ("USIA MAKS", "UMUR MAKS", "USIA MAKSIMAL", "USIA MAX"),
    "area": ("WILAYAH SASARAN", "SASARAN WILAYAH", "AREA"),
}


@dataclass(frozen=True)
class Column:
    """One column of a schema."""

    name: str
    kind: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()  # raw value -> canonical value, for enums
    minimum: int | None = None
    maximum: int | None = None
    codes: str | None = None  # the code list of a "code" column
    unknown: str = "code.unknown"  # the warning a value outside the code list gets
    keep_unknown: bool = False  # store such a value as written (else NULL)

    @property
    def synonyms(self) -> tuple[str, ...]:
        return SYNONYMS.get(self.name, (self.name.upper(),))


@dataclass(frozen=True)
class SourceType:
    """A kind of incoming file."""

    name: str
    description: str
    columns: tuple[Column, ...]
    needs_segment: bool = False
    # Columns that make two rows "the same person" for duplicate-NIK checks.
    person_columns: tuple[str, ...] = field(default=("nik", "name"))

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def table(self) -> str:
        """The warehouse table holding this type's accepted rows."""
        return "src_" + self.name.replace("-", "_")


_STATUS = (
    ("AKTIF", "active"),
    ("ACTIVE", "active"),
    ("A", "active"),
    ("1", "active"),
    ("YA", "active"),
    ("NON AKTIF", "inactive"),
    ("NONAKTIF", "inactive"),
    ("TIDAK AKTIF", "inactive"),
    ("INACTIVE", "inactive"),
    ("NA", "inactive"),
    ("0", "inactive"),
    ("TIDAK", "inactive"),
    ("KEPESERTAAN BERAKHIR", "inactive"),
)
_SEGMENT = (
    ("PENERIMA UPAH", "PU"),
    ("BUKAN PENERIMA UPAH", "BPU"),
    ("JASA KONSTRUKSI", "JAKON"),
    ("PEKERJA MIGRAN INDONESIA", "PMI"),
    ("PEKERJA MIGRAN", "PMI"),
    ("PPU", "PU"),
    ("KONSTRUKSI", "JAKON"),
    ("JASKON", "JAKON"),
    ("TKI", "PMI"),
)

_NIK = Column("nik", "nik")
_SEX = Column("sex", "code", codes="sex")
_NAME = Column("name", "name", required=True)
_BIRTH = Column("birth_date", "date")
_DESA = Column("desa", "desa")
_KEC = Column("kecamatan", "kecamatan")


def _type(
    name: str,
    description: str,
    *columns: Column,
    needs_segment: bool = False,
    person_columns: tuple[str, ...] = ("nik", "name"),
) -> SourceType:
    return SourceType(name, description, columns, needs_segment, person_columns)


SOURCE_TYPES: dict[str, SourceType] = {
    t.name: t
    for t in (
        _type(
            "register",
            "Population register (Dukcapil / OpenSID export)",
            Column("nik", "nik", required=True),
            Column("kk", "text"),
            _NAME,
            _SEX,
            Column("birth_place", "text"),
            _BIRTH,
            Column("address", "text"),
            Column("dusun", "text"),
            Column("rt", "text"),
            Column("rw", "text"),
            Column("desa", "desa", required=True),
            _KEC,
            Column(
                "occupation",
                "code",
                codes="pekerjaan",
                unknown="occupation.unknown",
                keep_unknown=True,
            ),
            Column("religion", "code", codes="agama"),
            Column("relation", "code", codes="hubungan"),
            Column("marital_status", "code", codes="kawin"),
            Column("status_dasar", "code", codes="status_dasar"),
        ),
        _type(
            "participants",
            "BPJS Ketenagakerjaan participant extract",
            Column("kpj", "kpj", required=True),
            _NIK,
            _NAME,
            _BIRTH,
            Column(
                "segment",
                "enum",
                required=True,
                allowed=("PU", "BPU", "JAKON", "PMI"),
                aliases=_SEGMENT,
            ),
            Column("npp", "text"),
            Column(
                "status", "enum", required=True, allowed=("active", "inactive"), aliases=_STATUS
            ),
            Column("last_paid_month", "month"),
            Column("registered_on", "date"),
            Column("desa", "desa"),
            _KEC,
        ),
        _type(
            "participant-status",
            "BPJS status answer: identifier (NIK or keyed hash) → active/inactive",
            Column("identifier", "identifier", required=True),
            Column(
                "status", "enum", required=True, allowed=("active", "inactive"), aliases=_STATUS
            ),
            Column("key_id", "text"),  # the exchange key the tokens were made with
            Column("segment", "enum", allowed=("PU", "BPU", "JAKON", "PMI"), aliases=_SEGMENT),
            Column("last_paid_month", "month"),
            Column("persons", "int", minimum=1),  # a count row ("unmatched"): how many
            person_columns=("identifier",),
        ),
        _type(
            "segment",
            "A partner's list of persons with a segment label (KUR, "
            "PERANGKAT_DESA, RT_RW, GURU_TPQ, GURU_PAUD…)",
            _NAME,
            _NIK,
            _BIRTH,
            Column("birth_place", "text"),
            _SEX,
            Column("address", "text"),
            Column("dusun", "text"),
            Column("rt", "text"),
            Column("rw", "text"),
            _DESA,
            _KEC,
            Column("detail", "text"),
            needs_segment=True,
        ),
        _type(
            "companies",
            "Company registry (WLKP): declared headcount and wages",
            Column("npp", "text"),
            Column("nib", "text"),
            Column("company_name", "text", required=True),
            _DESA,
            _KEC,
            Column("sector", "text"),
            Column("risk_class", "int", minimum=1, maximum=5),
            Column("declared_workers", "int", required=True, minimum=0),
            Column("declared_wage", "money"),
            person_columns=(),
        ),
        _type(
            "company-registration",
            "BPJS registration per NPP: registered workers, reported wages, programs",
            Column("npp", "text", required=True),
            Column("registered_workers", "int", required=True, minimum=0),
            Column("reported_wage", "money"),
            Column("programs", "text"),
            person_columns=(),
        ),
        _type(
            "denominator",
            "Working population (penduduk bekerja) per area and year",
            Column("area_code", "area", required=True),
            Column("year", "int", required=True, minimum=2000, maximum=2100),
            Column("figure", "int", required=True, minimum=1),
            Column("source", "text", required=True),
            person_columns=(),
        ),
        _type(
            "payouts",
            "Benefit payouts (santunan)",
            Column("program", "enum", required=True, allowed=("JKK", "JKM", "JHT", "JP", "JKP")),
            _NAME,
            _NIK,
            Column("kpj", "kpj"),
            Column("amount", "money", required=True, minimum=1),
            Column("date", "date", required=True),
            _DESA,
            _KEC,
            Column("cause", "text"),
        ),
        _type(
            "cards",
            "Membership card hand-overs",
            _NAME,
            _NIK,
            Column("kpj", "kpj"),
            Column("date", "date", required=True),
            Column("event_name", "text"),
            _DESA,
            _KEC,
        ),
        _type(
            "events",
            "Campaign events (venue, desa, attendance, registrations)",
            Column("date", "date", required=True),
            Column("event_name", "text"),
            Column(
                "venue_type",
                "enum",
                required=True,
                allowed=("pasar", "desa", "masjid", "sekolah", "kantor", "lainnya"),
                aliases=(
                    ("PASAR", "pasar"),
                    ("BALAI DESA", "desa"),
                    ("DESA", "desa"),
                    ("MASJID", "masjid"),
                    ("MUSHOLLA", "masjid"),
                    ("SEKOLAH", "sekolah"),
                    ("KANTOR", "kantor"),
                    ("LAINNYA", "lainnya"),
                    ("LAIN-LAIN", "lainnya"),
                ),
            ),
            Column("desa", "desa", required=True),
            _KEC,
            Column("attendance", "int", minimum=0),
            Column("registrations", "int", minimum=0),
            person_columns=(),
        ),
        _type(
            "pledges",
            "Sponsor pledges (who pays, how much, for whom)",
            Column("payer", "text", required=True),
            Column(
                "payer_type",
                "enum",
                required=True,
                allowed=("APBD", "APBDES", "DBHCHT", "CSR", "BAZNAS", "SELF"),
                aliases=(
                    ("APBDESA", "APBDES"),
                    ("DANA DESA", "APBDES"),
                    ("PERUSAHAAN", "CSR"),
                    ("MANDIRI", "SELF"),
                    ("SENDIRI", "SELF"),
                ),
            ),
            Column("amount", "money", required=True, minimum=1),
            Column("months", "int", required=True, minimum=1, maximum=120),
            Column("segment", "text"),
            Column("area", "text"),
            Column("age_min", "int", minimum=0, maximum=120),
            Column("age_max", "int", minimum=0, maximum=120),
            Column("date", "date"),
            person_columns=(),
        ),
    )
}


def schemas_markdown() -> str:
    """The source types as Markdown tables (``docs/ingestion.md`` embeds this text)."""
    lines = []
    for source in SOURCE_TYPES.values():
        lines.append(
            f"### `{source.name}`\n\n{source.description}."
            + (" Needs `--segment LABEL`." if source.needs_segment else "")
            + "\n"
        )
        lines.append("| column | kind | required | allowed values | headers recognised |")
        lines.append("|---|---|---|---|---|")
        for c in source.columns:
            synonyms = ", ".join(f"`{s}`" for s in c.synonyms[:6])
            if len(c.synonyms) > 6:
                synonyms += ", …"
            bounds = ""
            if c.minimum is not None or c.maximum is not None:
                bounds = (
                    f"{c.minimum if c.minimum is not None else ''}–"
                    f"{c.maximum if c.maximum is not None else ''}"
                )
            allowed = ", ".join(c.allowed) or (f"code list `{c.codes}`" if c.codes else bounds)
            lines.append(
                f"| `{c.name}` | {c.kind} | {'yes' if c.required else ''} | "
                f"{allowed} | {synonyms} |"
            )
        lines.append("")
    return "\n".join(lines)
