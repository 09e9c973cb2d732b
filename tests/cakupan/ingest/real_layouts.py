"""Register files laid out exactly as OpenSID, OpenDK and SIAK write them.

Column lists are those of the systems' own code (see ``data/layouts/*.toml`` for the files
they were read from); the rows are invented residents of Kabupaten Mojokerto.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import openpyxl

# OpenSID Impor_model::$daftar_kolom: the export and the import template FormatImporExcel.xlsm.
OPENSID_COLUMNS = (
    "alamat dusun rw rt nama no_kk nik sex tempatlahir tanggallahir agama_id pendidikan_kk_id "
    "pendidikan_sedang_id pekerjaan_id status_kawin kk_level warganegara_id ayah_nik nama_ayah "
    "ibu_nik nama_ibu golongan_darah_id akta_lahir dokumen_pasport tanggal_akhir_paspor "
    "dokumen_kitas akta_perkawinan tanggalperkawinan akta_perceraian tanggalperceraian cacat_id "
    "cara_kb_id hamil ktp_el status_rekam alamat_sekarang status_dasar suku tag_id_card "
    "id_asuransi no_asuransi lat lng"
).split()
# OpenSID Sinkronisasi::data_penduduk(): the file OpenDK imports (SinkronPenduduk).
OPENDK_COLUMNS = (
    "alamat dusun rw rt nama nomor_kk nomor_nik jenis_kelamin tempat_lahir tanggal_lahir agama "
    "pendidikan_dlm_kk pendidikan_sdg_ditempuh pekerjaan kawin hubungan_keluarga "
    "kewarganegaraan nama_ayah nama_ibu gol_darah akta_lahir nomor_dokumen_pasport "
    "tanggal_akhir_pasport nomor_dokumen_kitas nik_ayah nik_ibu nomor_akta_perkawinan "
    "tanggal_perkawinan nomor_akta_perceraian tanggal_perceraian cacat cara_kb hamil ktp_el "
    "status_rekam alamat_sekarang id foto status_dasar created_at updated_at desa_id"
).split()
# OpenSID assets/import/format_siak.xls, the SIAK extract sample.
SIAK_COLUMNS = [
    "Nomor KK",
    "NIK",
    "Nama Penduduk",
    "Status",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Kelamin",
    "NIK Ayah",
    "Ayah",
    "NIK Ibu",
    "Ibu",
    "Status Kawin",
    "SHDK",
    "Agama",
    "Kecamatan",
    "Desa/Kel",
    "Alamat",
    "RW",
    "RT",
    "Pendidikan",
    "Pekerjaan",
    "Deskripsi Pekerjaan",
    "Gol. Darah",
    "Cacat",
    "Cetak KTP",
    "Ganti KTP",
    "KTP Berakhir",
    "Nomor Paspor",
    "Nomor Akta Lahir",
    "Nomor Akta Kawin",
    "Tanggal Kwn",
    "Nomor Akta Cerai",
    "Tgl Cerai",
    "Petugas Registrasi",
    "Tgl Ubah",
    "Petugas Entri",
    "Tgl Entri",
]


@dataclass(frozen=True)
class Resident:
    name: str
    female: bool
    born: dt.date
    occupation: int  # Dukcapil/OpenSID code
    status: int = 1  # status_dasar: 1 HIDUP, 2 MATI, 3 PINDAH
    serial: int = 1
    temporary: bool = False  # an OpenSID NIK sementara
    dusun: str = "KRAJAN"

    def nik(self, kecamatan: str) -> str:
        if self.temporary:
            return f"0{kecamatan}2010{self.serial:05d}"
        day = self.born.day + (40 if self.female else 0)
        return f"{kecamatan}{day:02d}{self.born:%m%y}{self.serial:04d}"


# Labels of the codes used below (OpenSID Data_awal_seeder.php).
OCCUPATION = {1: "BELUM/TIDAK BEKERJA", 2: "MENGURUS RUMAH TANGGA", 3: "PELAJAR/MAHASISWA",
              5: "PEGAWAI NEGERI SIPIL (PNS)", 9: "PETANI/PEKEBUN", 41: "IMAM MASJID",
              79: "PELAUT", 88: "WIRASWASTA"}  # fmt: skip
STATUS = {1: "HIDUP", 2: "MATI", 3: "PINDAH"}
RESIDENTS = (
    Resident("SUPARMAN", False, dt.date(1975, 3, 2), 9, serial=1),
    Resident("SITI AMINAH", True, dt.date(1978, 7, 14), 2, serial=2),
    Resident("MOCH. RIDWAN", False, dt.date(1999, 1, 30), 88, serial=3, dusun="BEJIJONG"),
    Resident("DEWI LESTARI", True, dt.date(2006, 5, 5), 3, serial=4),
    Resident("H. ABDUL KARIM", False, dt.date(1950, 12, 1), 41, status=2, serial=5),
    Resident("AGUS SALIM", False, dt.date(1988, 8, 8), 79, status=3, serial=6),
    Resident("RINA WATI", True, dt.date(1990, 2, 20), 5, serial=7, temporary=True),
)


def _opensid_row(r: Resident, kecamatan: str, labels: bool, occupation: object = None) -> list:
    row = dict.fromkeys(OPENSID_COLUMNS, "")
    row.update(
        alamat="",  # OpenSID writes the family's address, usually empty
        dusun=r.dusun,
        rw="001",
        rt="002",
        nama=r.name,
        no_kk=f"{kecamatan}0101190001",
        nik=r.nik(kecamatan),
        tempatlahir="MOJOKERTO",
        tanggallahir=r.born.isoformat(),
        warganegara_id="WNI" if labels else 1,
    )
    if labels:  # Ekspor_model::ekspor_huruf(), with its status_dasar quirk
        row.update(
            sex="PEREMPUAN" if r.female else "LAKI-LAKI",
            agama_id="ISLAM",
            pekerjaan_id=OCCUPATION[r.occupation],
            status_kawin="KAWIN",
            kk_level="KEPALA KELUARGA",
            status_dasar={1: "TETAP", 2: "TIDAK TETAP", 3: ""}[r.status],
        )
    else:
        row.update(
            sex=2 if r.female else 1,
            agama_id=1,
            pekerjaan_id=r.occupation,
            status_kawin=2,
            kk_level=1,
            status_dasar=r.status,
        )
    if occupation is not None:
        row["pekerjaan_id"] = occupation
    return [row[c] for c in OPENSID_COLUMNS]


def _xlsx(path: Path, header: list[str], rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def opensid_export(
    path: Path, *, kecamatan: str = "351612", labels: bool = False, extra: list | None = None
) -> Path:
    """Penduduk > Ekspor of one village (numeric codes, or labels with ``labels``)."""
    rows = [_opensid_row(r, kecamatan, labels) for r in RESIDENTS]
    return _xlsx(path, list(OPENSID_COLUMNS), rows + (extra or []))


def opensid_unknown_occupation(kecamatan: str = "351612") -> list[list]:
    """Two rows whose occupation the project cannot know: a code past 89 and a free label."""
    r = Resident("JOKO SANTOSO", False, dt.date(1980, 4, 4), 1, serial=8)
    s = Resident("BAMBANG", False, dt.date(1981, 4, 4), 1, serial=9)
    return [
        _opensid_row(r, kecamatan, False, occupation=95),
        _opensid_row(s, kecamatan, False, occupation="ASTRONOT"),
    ]


def opendk_sync(path: Path, *, desa: str = "3516122008", kecamatan: str = "351612") -> Path:
    """penduduk_<tanggal>_opendk.xlsx: numeric codes, the desa code without dots."""
    rows = []
    for i, r in enumerate(RESIDENTS):
        values = dict.fromkeys(OPENDK_COLUMNS, "")
        values.update(
            alamat="",
            dusun=r.dusun,
            rw="001",
            rt="002",
            nama=r.name,
            nomor_kk=f"{kecamatan}0101190001",
            nomor_nik=r.nik(kecamatan),
            jenis_kelamin=2 if r.female else 1,
            tempat_lahir="MOJOKERTO",
            tanggal_lahir=r.born.isoformat(),
            agama=1,
            pekerjaan=r.occupation,
            kawin=2,
            hubungan_keluarga=1,
            id=100 + i,
            status_dasar=r.status,
            desa_id=desa,
        )
        rows.append([values[c] for c in OPENDK_COLUMNS])
    return _xlsx(path, list(OPENDK_COLUMNS), rows)


def siak_xls(path: Path, *, kecamatan: str = "TROWULAN", desa: str = "JATIPASAR") -> Path:
    """A SIAK extract as an old .xls (BIFF8) workbook, labels in title case."""
    import xlwt

    status = {1: "Hidup", 2: "Mati", 3: "Pindah Dalam Negeri"}
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for j, name in enumerate(SIAK_COLUMNS):
        sheet.write(0, j, name)
    for i, r in enumerate(RESIDENTS, start=1):
        values = dict.fromkeys(SIAK_COLUMNS, "")
        values.update(
            {
                "Nomor KK": "3516120101190002",
                "NIK": r.nik("351612"),
                "Nama Penduduk": r.name,
                "Status": status[r.status],
                "Tempat Lahir": "mojokerto",
                "Kelamin": "Perempuan" if r.female else "Laki-Laki",
                "Status Kawin": "Kawin",
                "SHDK": "Orang Tua" if r.status != 1 else "Kepala Keluarga",
                "Agama": "Islam",
                "Kecamatan": kecamatan,
                "Desa/Kel": desa,
                "Alamat": f"DSN {r.dusun}",
                "RW": 1.0,
                "RT": 2.0,
                "Pekerjaan": OCCUPATION[r.occupation].title(),
            }
        )
        for j, name in enumerate(SIAK_COLUMNS):
            if name == "Tanggal Lahir":
                sheet.write(i, j, r.born, dates)
            else:
                sheet.write(i, j, values[name])
    book.save(str(path))
    return path


def ods(path: Path, header: list[str], rows: list[list]) -> Path:
    """An OpenDocument spreadsheet (LibreOffice Calc) with one sheet."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Sheet1")
    for cells in [header, *rows]:
        tr = TableRow()
        for value in cells:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path
