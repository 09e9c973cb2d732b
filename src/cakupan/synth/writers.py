"""Writers of the synthetic files, in the shapes offices exchange them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

from cakupan import areas
from cakupan.synth import pools
from cakupan.synth.lists import SegmentList
from cakupan.synth.membership import SEGMENTS, Companies, Members
from cakupan.synth.noise import NikNoise, damage_name, damage_nik, format_date
from cakupan.synth.population import OCCUPATIONS, Register

PARTICIPANT_NIK_NOISE = NikNoise(
    missing=0.01, scientific=0.015, precision_lost=0.01, typo=0.025, apostrophe=0.02, spaced=0.01
)
VILLAGE_NIK_NOISE = NikNoise(
    missing=0.05, scientific=0.04, precision_lost=0.02, typo=0.02, apostrophe=0.03
)
BANK_NIK_NOISE = NikNoise(missing=0.005, typo=0.01, apostrophe=0.05)


def write_register(rng: np.random.Generator, path: Path, reg: Register) -> Path:
    """The Dukcapil/OpenSID export: clean-ish, a few NIKs with a leading apostrophe."""
    desa = [areas.get(c) for c in reg.desa_codes]
    kec = {c: areas.get(c).name.upper() for c in reg.kecamatan_codes}
    births = reg.birth.astype(object)
    quote = rng.random(len(reg)) < 0.003
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "NIK",
                "NO_KK",
                "NAMA_LENGKAP",
                "JENIS_KELAMIN",
                "TEMPAT_LAHIR",
                "TANGGAL_LAHIR",
                "ALAMAT",
                "RT",
                "RW",
                "KODE_DESA",
                "NAMA_DESA",
                "KECAMATAN",
                "PEKERJAAN",
            ]
        )
        for i in range(len(reg)):
            d = desa[reg.desa_idx[i]]
            out.writerow(
                [
                    ("'" if quote[i] else "") + reg.nik[i],
                    reg.kk[i],
                    reg.name(i),
                    "PEREMPUAN" if reg.sex_female[i] else "LAKI-LAKI",
                    pools.BIRTH_PLACES[reg.birth_place[i]][0],
                    births[i].strftime("%d-%m-%Y"),
                    f"DSN {pools.DUSUN[reg.dusun[i]]}",
                    f"{reg.rt[i]:03d}",
                    f"{reg.rw[i]:03d}",
                    d.code,
                    d.name.upper(),
                    kec[d.parent_code or ""],
                    OCCUPATIONS[reg.occupation[i]],
                ]
            )
    return path


def write_participants(
    rng: np.random.Generator,
    path: Path,
    reg: Register,
    members: Members,
    companies: Companies,
    as_of: dt.date,
    truth: list[tuple[str, int, int]],
) -> Path:
    """The BPJS branch extract: semicolon-separated, NIKs as damaged as in real extracts."""
    births = reg.birth.astype(object)
    month0 = as_of.year * 12 + as_of.month - 1
    desa_names = [areas.get(c).name.upper() for c in reg.desa_codes]
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(
            [
                "KPJ",
                "NIK",
                "NAMA PESERTA",
                "TGL LAHIR",
                "SEGMEN",
                "NPP",
                "STATUS KEPESERTAAN",
                "BLTH IURAN TERAKHIR",
                "DESA DOMISILI",
                "TGL KEPESERTAAN",
            ]
        )
        # Registration dates from a child generator, so that every other value of the demo
        # stays as it was before the column existed.
        when = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])  # type: ignore[attr-defined]
        back = when.integers(0, 6 * 365, size=len(members.person))
        for row in range(len(members.person)):
            p = int(members.person[row])
            if p >= 0:
                nik = damage_nik(rng, reg.nik[p], PARTICIPANT_NIK_NOISE)
                name = damage_name(rng, reg.name(p), rate=0.15, age=int(reg.age[p]))
                born = births[p]
                domicile = desa_names[reg.desa_idx[p]] if rng.random() < 0.5 else ""
                truth.append((path.name, row, p))
            else:
                nik = members.outsider_nik[row]
                first = pools.MALE_FIRST[int(rng.integers(0, len(pools.MALE_FIRST)))]
                name = f"{first} {pools.SECOND[int(rng.integers(0, len(pools.SECOND)))]}"
                born = members.outsider_birth[row]
                domicile = ""
                truth.append((path.name, row, -1))  # lives outside the regency's register
            paid = month0 - int(members.months_since_paid[row])
            company = int(members.company[row])
            out.writerow(
                [
                    str(members.kpj[row]),
                    nik,
                    name,
                    format_date(rng, born, ("dmy", "dmy", "iso")),
                    SEGMENTS[members.segment[row]],
                    companies.npp[company] if company >= 0 else "",
                    "AKTIF" if members.active[row] else "NON AKTIF",
                    f"{paid // 12}-{paid % 12 + 1:02d}",
                    domicile,
                    (
                        dt.date(paid // 12, paid % 12 + 1, 1) - dt.timedelta(days=int(back[row]))
                    ).strftime("%d/%m/%Y"),
                ]
            )
    return path


# How each partner sends its list: format, encoding, delimiter and header spellings.
LIST_LAYOUTS: dict[str, dict[str, object]] = {
    "perangkat_desa": {
        "format": "xlsx",
        "title": "DAFTAR PERANGKAT DESA DAN LEMBAGA DESA",
        "headers": ("NO", "NAMA LENGKAP", "NO. KTP", "TGL LAHIR", "DESA", "KECAMATAN", "JABATAN"),
    },
    "rt_rw": {
        "format": "xlsx",
        "title": "DATA KETUA RT / RW",
        "ttl": True,
        "headers": ("NO", "NAMA", "NIK", "TEMPAT, TANGGAL LAHIR", "DESA/KEL", "KEC", "JABATAN"),
    },
    "guru_tpq": {
        "format": "csv",
        "encoding": "cp1252",
        "delimiter": ";",
        "ttl": True,
        "headers": ("NO", "NAMA GURU", "NIK KTP", "TTL", "DESA/KEL", "KECAMATAN", "LEMBAGA"),
    },
    "guru_paud": {
        "format": "csv",
        "encoding": "utf-8-sig",
        "delimiter": ",",
        "headers": ("NO", "NAMA", "NIK", "TANGGAL LAHIR", "DESA", "KECAMATAN", "JABATAN"),
    },
}
KUR_LAYOUT: dict[str, object] = {
    "format": "csv",
    "encoding": "utf-8",
    "delimiter": ",",
    "headers": ("NO", "NAMA DEBITUR", "NO KTP", "TGL LAHIR", "DESA", "KECAMATAN", "BANK"),
}


def _write_xlsx(path: Path, title: str, headers: list[str], rows: list[list[object]]) -> None:
    """A workbook as offices make them: title rows, the table, and a JUMLAH row."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append([title])
    sheet.append(["KABUPATEN MOJOKERTO"])
    sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    sheet.append(["JUMLAH", None, len(rows)])
    book.create_sheet("Keterangan").append(["Diisi oleh operator desa"])
    book.save(path)


def write_lists(
    rng: np.random.Generator,
    folder: Path,
    reg: Register,
    lists: list[SegmentList],
    truth: list[tuple[str, int, int]],
) -> list[Path]:
    """One file per partner list, typed by hand: titles, variants, missing NIKs, duplicates,
    in the format each partner uses (XLSX with title rows, Windows-1252 CSV...)."""
    folder.mkdir(parents=True, exist_ok=True)
    births = reg.birth.astype(object)
    paths = []
    for lst in lists:
        layout = LIST_LAYOUTS.get(lst.key, KUR_LAYOUT)
        path = folder / f"{lst.key}.{layout['format']}"
        bank = lst.segment == "KUR"
        noise = BANK_NIK_NOISE if bank else VILLAGE_NIK_NOISE
        styles = ("dmy", "named", "serial") if bank else ("dmy", "dash", "named", "iso")
        teacher = lst.segment in ("GURU_TPQ", "GURU_PAUD")
        extra_cols = list(lst.extra)
        xlsx = layout["format"] == "xlsx"
        order = list(range(len(lst.person)))
        if order:  # about 2 % of rows typed twice
            order += rng.choice(len(order), size=len(order) // 50, replace=False).tolist()
        rows: list[list[object]] = []
        for row, k in enumerate(order):
            p = int(lst.person[k])
            desa = areas.get(reg.desa_codes[reg.desa_idx[p]])
            kec = areas.get(desa.parent_code or "")
            nik: object = damage_nik(rng, reg.nik[p], noise)
            if xlsx and rng.random() < 0.03:  # typed into a Number cell: Excel keeps 15 digits
                nik = int(reg.nik[p][:15] + "0")
            born = format_date(rng, births[p], styles)
            if layout.get("ttl"):
                born = f"{pools.BIRTH_PLACES[reg.birth_place[p]][0]}, {born}"
            name = damage_name(rng, reg.name(p), rate=0.2, age=int(reg.age[p]), teacher=teacher)
            if layout.get("encoding") == "cp1252":  # Windows keyboards type a curly apostrophe
                name = name.replace("'", "\u2019")
            rows.append(
                [
                    row + 1,
                    name,
                    nik,
                    born,
                    desa.name.upper() if rng.random() < 0.7 else desa.name,
                    kec.name.upper(),
                    lst.detail[k],
                    *[lst.extra[c][k] for c in extra_cols],
                ]
            )
            truth.append((f"daftar/{path.name}", row, p))
        headers = [str(h) for h in layout["headers"]] + extra_cols  # type: ignore[attr-defined]
        if xlsx:
            _write_xlsx(path, str(layout["title"]), headers, rows)
        else:
            with path.open("w", encoding=str(layout["encoding"]), newline="") as handle:
                out = csv.writer(handle, delimiter=str(layout["delimiter"]))
                out.writerow(headers)
                out.writerows(rows)
        paths.append(path)
    return paths


def write_companies(out_dir: Path, reg: Register, companies: Companies) -> tuple[Path, Path]:
    """The WLKP-style company registry and the BPJS registration summary per NPP."""
    registry = out_dir / "perusahaan_wlkp.csv"
    summary = out_dir / "perusahaan_bpjstk.csv"
    with registry.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "NPP",
                "NAMA PERUSAHAAN",
                "KODE DESA",
                "SEKTOR",
                "KELAS RISIKO",
                "JUMLAH TK",
                "RATA-RATA UPAH",
            ]
        )
        for i in range(len(companies.name)):
            sector = pools.SECTORS[companies.sector[i]]
            out.writerow(
                [
                    companies.npp[i],
                    companies.name[i],
                    reg.desa_codes[companies.desa_idx[i]],
                    sector[0],
                    sector[1],
                    int(companies.declared_workers[i]),
                    int(companies.declared_wage[i]),
                ]
            )
    with summary.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["NPP", "TK TERDAFTAR", "RATA-RATA UPAH DILAPORKAN", "PROGRAM"])
        for i, npp in enumerate(companies.npp):
            if npp:
                out.writerow(
                    [
                        npp,
                        int(companies.registered_workers[i]),
                        int(companies.reported_wage[i]),
                        companies.programs[i],
                    ]
                )
    return registry, summary


def write_denominator(path: Path, reg: Register, regency: str, as_of: dt.date) -> Path:
    """The official working population: for the demo, the register's workers."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["KODE WILAYAH", "TAHUN", "PENDUDUK BEKERJA", "SUMBER"])
        out.writerow(
            [
                regency,
                as_of.year,
                int(reg.worker.sum()),
                "Demo: synthetic figure in the manner of BPS Sakernas",
            ]
        )
    return path


def write_activity(
    rng: np.random.Generator, out_dir: Path, reg: Register, members: Members, as_of: dt.date
) -> list[Path]:
    """Benefits paid, KUR cards handed over and campaign events of the quarter before
    ``as_of`` (the files a branch office and Disnaker keep)."""
    desa = [areas.get(c) for c in reg.desa_codes]
    start = dt.date(as_of.year, ((as_of.month - 1) // 3) * 3 + 1, 1)
    days = (as_of - start).days + 1
    active = np.flatnonzero(members.active & (members.person >= 0))
    picks = rng.choice(active, size=min(len(active), max(3, len(reg) // 5000)), replace=False)
    payouts = out_dir / "santunan.csv"
    with payouts.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(
            [
                "PROGRAM",
                "NAMA AHLI WARIS",
                "NIK",
                "NOMINAL",
                "TANGGAL",
                "DESA",
                "KECAMATAN",
                "SEBAB",
            ]
        )
        for k in picks.tolist():
            p = int(members.person[k])
            d = desa[reg.desa_idx[p]]
            jkk = rng.random() < 0.3
            out.writerow(
                [
                    "JKK" if jkk else "JKM",
                    f"AHLI WARIS {reg.name(p)}",
                    reg.nik[p],
                    f"{70_000_000 if jkk else 42_000_000:,}".replace(",", "."),
                    (start + dt.timedelta(days=int(rng.integers(0, days)))).strftime("%d/%m/%Y"),
                    d.name.upper(),
                    areas.get(d.parent_code or "").name.upper(),
                    "kecelakaan kerja" if jkk else "meninggal dunia",
                ]
            )
    cards = out_dir / "kartu_peserta.csv"
    with cards.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["NAMA", "NIK", "TANGGAL", "KEGIATAN", "DESA", "KECAMATAN"])
        for k in picks[: max(1, len(picks) // 2)].tolist():
            p = int(members.person[k])
            d = desa[reg.desa_idx[p]]
            out.writerow(
                [
                    reg.name(p),
                    reg.nik[p],
                    as_of.strftime("%d/%m/%Y"),
                    "Penyerahan kartu debitur KUR",
                    d.name.upper(),
                    areas.get(d.parent_code or "").name.upper(),
                ]
            )
    events = out_dir / "kegiatan_sosialisasi.csv"
    venues = ("PASAR", "BALAI DESA", "MASJID")
    with events.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(
            [
                "TANGGAL",
                "NAMA KEGIATAN",
                "JENIS TEMPAT",
                "DESA",
                "KECAMATAN",
                "HADIR",
                "PENDAFTAR BARU",
            ]
        )
        for i in range(6):
            d = desa[int(rng.integers(0, len(desa)))]
            out.writerow(
                [
                    (start + dt.timedelta(days=15 * i)).strftime("%d/%m/%Y"),
                    "Kerja Keras Bebas Cemas",
                    venues[i % 3],
                    d.name.upper(),
                    areas.get(d.parent_code or "").name.upper(),
                    int(rng.integers(60, 300)),
                    int(rng.integers(5, 60)),
                ]
            )
    return [payouts, cards, events]


def write_pledges(out_dir: Path) -> Path:
    """Sponsor pledges as a Disnaker officer types them: the news' hospital paying for TPQ
    teachers, a desa budget, tobacco-excise money for a kecamatan, Baznas for PAUD teachers."""
    path = out_dir / "komitmen_pendanaan.csv"
    rows = [
        ("RS Islam Sakinah", "CSR", "201.600.000", 12, "GURU_TPQ", "", "", ""),
        ("Pemerintah Desa Tawangrejo", "APBDes", "10.080.000", 6, "", "Tawangrejo", 18, 60),
        ("DBHCHT Kabupaten Mojokerto", "DBHCHT", "403.200.000", 12, "", "Jatirejo", 18, 60),
        ("Baznas Kabupaten Mojokerto", "Baznas", "50.400.000", 6, "GURU_PAUD", "", "", ""),
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "PEMBERI",
                "JENIS PEMBERI",
                "NOMINAL",
                "BULAN",
                "SEGMEN",
                "WILAYAH SASARAN",
                "USIA MIN",
                "USIA MAKS",
            ]
        )
        out.writerows(rows)
    return path
