"""A hand-made regency whose every figure was worked out by hand (the arithmetic is in the
comments): coverage of the regency, kecamatan, desa, the unallocated line, segments and kinds
of membership; gap and pace; compliance flags; pledge allocation, including a pledge imported
from a file. Every file goes through the real importer and the real pipeline.

Kabupaten Mojokerto (35.16), three desa:
  Tawangrejo (35.16.01.2001) and Rejosari (35.16.01.2002) in kecamatan Jatirejo (35.16.01),
  Gumeng (35.16.02.2001) in kecamatan Gondang (35.16.02).
"""

import datetime as dt

import pytest

from cakupan.campaigns import campaign_ranking
from cakupan.compliance import compliance_report
from cakupan.coverage import coverage_report
from cakupan.pipeline import import_and_refresh
from cakupan.pledges import pledge_add, pledge_allocate
from cakupan.scope import Scope
from cakupan.targets import gap_report, target_set
from cakupan.warehouse import Warehouse
from cakupan.worklists import UNPROTECTED_SQL, worklist_rows

ALL = Scope.whole_regency("tester")

AS_OF = dt.date(2023, 3, 31)

# Ten residents; eight work (a student and a housewife do not).
REGISTER = """NIK,NAMA,JENIS KELAMIN,TGL LAHIR,DESA,KECAMATAN,PEKERJAAN
3516011501800001,AHMAD FAUZI,L,15/01/1980,TAWANGREJO,JATIREJO,PETANI/PEKEBUN
3516016002850001,SITI AMINAH,P,20/02/1985,TAWANGREJO,JATIREJO,PEDAGANG
3516011003900001,BUDI SANTOSO,L,10/03/1990,TAWANGREJO,JATIREJO,BURUH HARIAN LEPAS
3516014504050001,DEWI LESTARI,P,05/04/2005,TAWANGREJO,JATIREJO,PELAJAR/MAHASISWA
3516012505750001,EKO PRASETYO,L,25/05/1975,REJOSARI,JATIREJO,WIRASWASTA
3516017006880001,NUR HIDAYAH,P,30/06/1988,REJOSARI,JATIREJO,GURU
3516010707700001,AGUS SALIM,L,07/07/1970,REJOSARI,JATIREJO,PETANI/PEKEBUN
3516025808920001,RINA WATI,P,18/08/1992,GUMENG,GONDANG,KARYAWAN SWASTA
3516020909830001,HENDRA GUNAWAN,L,09/09/1983,GUMENG,GONDANG,BURUH TANI/PERKEBUNAN
3516025010600001,SRI WAHYUNI,P,10/10/1960,GUMENG,GONDANG,MENGURUS RUMAH TANGGA
"""
# Siti holds a PU and a BPU membership; Budi's BPU lapsed; Yusuf lives outside the register.
PARTICIPANTS = """\
KPJ;NIK;NAMA PESERTA;TGL LAHIR;SEGMEN;NPP;STATUS KEPESERTAAN;BLTH IURAN TERAKHIR;TGL KEPESERTAAN
11000001;3516011501800001;AHMAD FAUZI;15/01/1980;BPU;;AKTIF;2023-03;05/03/2023
11000002;3516016002850001;SITI AMINAH;20/02/1985;PU;1001;AKTIF;2023-03;20/03/2023
11000003;3516016002850001;SITI AMINAH;20/02/1985;BPU;;AKTIF;2023-03;10/02/2023
11000004;3516011003900001;BUDI SANTOSO;10/03/1990;BPU;;NON AKTIF;2022-11;01/06/2021
11000005;3516012505750001;EKO PRASETYO;25/05/1975;PU;1002;AKTIF;2023-03;10/03/2023
11000006;3516025808920001;RINA WATI;18/08/1992;PU;1002;AKTIF;2023-03;01/01/2020
11000007;3515021212910001;YUSUF MAULANA;12/12/1991;BPU;;AKTIF;2023-03;02/03/2023
11000008;3516025010600001;SRI WAHYUNI;10/10/1960;BPU;;AKTIF;2023-03;01/01/2022
"""
# A "Kerja Keras Bebas Cemas" event at Tawangrejo's market on 1 March 2023.
EVENTS = """TANGGAL;NAMA KEGIATAN;JENIS TEMPAT;DESA;KECAMATAN;HADIR;PENDAFTAR BARU
01/03/2023;Kerja Keras Bebas Cemas;PASAR;TAWANGREJO;JATIREJO;120;3
"""
# Nur Hidayah is listed twice (once with her degree): one person.
TEACHERS = """NAMA,NIK,TGL LAHIR,DESA
NUR HIDAYAH,3516017006880001,30/06/1988,REJOSARI
"NUR HIDAYAH, S.Pd",3516017006880001,30/06/1988,REJOSARI
SITI AMINAH,3516016002850001,20/02/1985,TAWANGREJO
"""
DENOMINATOR = """KODE WILAYAH,TAHUN,PENDUDUK BEKERJA,SUMBER
35.16,2023,16,BPS (hand-made)
"""
# Company registry (Disnaker) and BPJS registrations; UMK 2023 = Rp4,504,787.
COMPANIES = """NPP,NAMA PERUSAHAAN,DESA,KECAMATAN,KELAS RISIKO,JUMLAH TK,RATA-RATA UPAH
1001,CV MAJU JAYA,TAWANGREJO,JATIREJO,1,5,5000000
1002,PT ABADI,GUMENG,GONDANG,1,2,4000000
,UD SUMBER REJEKI,REJOSARI,JATIREJO,1,3,4600000
"""
REGISTRATIONS = """NPP,TK TERDAFTAR,UPAH DILAPORKAN,PROGRAM
1001,3,5000000,"JKK,JKM,JHT,JP"
1002,2,4000000,"JKK,JKM,JHT,JP"
"""
# A pledge typed by the Baznas office, for kecamatan Gondang, written by name.
PLEDGES = """PEMBERI,JENIS PEMBERI,NOMINAL,BULAN,WILAYAH SASARAN
Baznas Kabupaten Mojokerto,BAZNAS,100000,3,Gondang
"""


def build(w: Warehouse, root, register: str = REGISTER) -> None:
    files = {
        "register": register,
        "participants": PARTICIPANTS,
        "segment": TEACHERS,
        "denominator": DENOMINATOR,
        "companies": COMPANIES,
        "company-registration": REGISTRATIONS,
        "events": EVENTS,
    }
    for kind, text in files.items():
        path = root / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        options = {"segment": "GURU_TPQ", "partner": "Kemenag"} if kind == "segment" else {}
        report = import_and_refresh(w, path, kind, regency="35.16", as_of=AS_OF, **options)
        assert report.rejected == 0, (kind, report.findings)


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    root = tmp_path_factory.mktemp("handmade")
    with Warehouse(root / "w.duckdb") as w:
        build(w, root)
        yield w


def rows_by(report, key):
    return {getattr(r, key): r for r in report.rows}


def test_regency(wh):
    (row,) = coverage_report(wh, by="regency").rows
    # Active persons: Ahmad, Siti (two memberships, one person), Eko, Rina, Sri, Yusuf = 6.
    # Budi's only membership is inactive. 6 / 16 = 0.375.
    assert (row.active_persons, row.denominator) == (6, 16)
    assert row.ucj == pytest.approx(6 / 16)


def test_desa_kecamatan_and_unallocated(wh):
    desa = rows_by(coverage_report(wh, by="desa"), "area_code")
    # Working people in the register: Tawangrejo 3 (not Dewi, a student), Rejosari 3,
    # Gumeng 2 (not Sri, a housewife) = 8. Each desa's share of the official 16:
    # Tawangrejo 16 x 3/8 = 6, Rejosari 6, Gumeng 16 x 2/8 = 4.
    tawangrejo, rejosari, gumeng = (
        desa["35.16.01.2001"],
        desa["35.16.01.2002"],
        desa["35.16.02.2001"],
    )
    assert [tawangrejo.denominator, rejosari.denominator, gumeng.denominator] == [
        pytest.approx(6),
        pytest.approx(6),
        pytest.approx(4),
    ]
    # Active persons living there: Tawangrejo Ahmad + Siti = 2 (2/6); Rejosari Eko = 1
    # (1/6); Gumeng Rina + Sri = 2 (2/4: Sri is active though not counted as working).
    assert [tawangrejo.active_persons, rejosari.active_persons, gumeng.active_persons] == [
        2,
        1,
        2,
    ]
    assert gumeng.ucj == pytest.approx(0.5)
    # Yusuf has no register record: the unallocated line. 2 + 1 + 2 + 1 = 6 = the regency.
    unallocated = [r for r in coverage_report(wh, by="desa").rows if r.level == "unallocated"]
    assert unallocated[0].active_persons == 1
    every_desa = sum(r.active_persons for r in desa.values() if r.level == "desa")
    assert every_desa + 1 == 6
    kec = rows_by(coverage_report(wh, by="kecamatan"), "area_code")
    # Jatirejo: 3 active / (6 + 6) = 0.25; Gondang: 2 / 4 = 0.5.
    assert kec["35.16.01"].ucj == pytest.approx(3 / 12)
    assert kec["35.16.02"].ucj == pytest.approx(2 / 4)


def test_segments_and_memberships(wh):
    segment = [r for r in coverage_report(wh, by="segment").rows if r.list_key is None]
    # Three list rows, two persons (Nur twice); Siti is active: 1 / 2.
    assert (segment[0].list_rows, segment[0].persons, segment[0].active_persons) == (
        3,
        2,
        1,
    )
    assert segment[0].ucj == pytest.approx(0.5)
    kinds = rows_by(coverage_report(wh, by="membership"), "membership")
    # BPU: Ahmad, Siti, Yusuf, Sri = 4 (4/16); PU: Siti, Eko, Rina = 3 (3/16).
    assert (kinds["BPU"].active_persons, kinds["PU"].active_persons) == (4, 3)
    assert kinds["BPU"].ucj == pytest.approx(4 / 16)


def test_gap_and_pace(wh):
    target_set(wh, year=2023, percent=60, area_code="35.16", by="test")
    gap = gap_report(wh, default_target=0.5)
    # 60 % of 16 = 9.6 -> 10 persons; 10 - 6 active = 4 to enrol; April to December = 9
    # months; 4 / 9 = 0.44 -> 1 a month.
    assert (gap.target_persons, gap.gap_persons) == (10, 4)
    assert (gap.months_left, gap.monthly_pace_needed) == (9, 1)


def test_compliance_flags(wh):
    report = compliance_report(wh, regency="35.16")
    flags = {c["company_name"]: {f["code"]: f for f in c["findings"]} for c in report.companies}
    # CV Maju Jaya declares 5 workers, registered 3: PDS-TK for 2 workers at Rp5,000,000,
    # class 1: JKK 0.24 % 12,000 + JKM 0.3 % 15,000 + JHT 5.7 % 285,000 + JP 3 % 150,000.
    assert set(flags["CV MAJU JAYA"]) == {"PDS-TK"}
    assert flags["CV MAJU JAYA"]["PDS-TK"]["potential_monthly"] == 2 * (
        12_000 + 15_000 + 285_000 + 150_000
    )
    # PT Abadi reports Rp4,000,000, below the UMK of Rp4,504,787: PDS-Upah for 2 workers.
    # At the UMK: JKK 10,811 + JKM 13,514 + JHT 256,773 + JP 135,144 = 416,242 (rounded per
    # part as in test_compliance); at Rp4,000,000: 9,600 + 12,000 + 228,000 + 120,000 = 369,600.
    assert set(flags["PT ABADI"]) == {"PDS-Upah"}
    at_umk = 10_811 + 13_514 + 166_677 + 90_096 + 90_096 + 45_048
    at_reported = 9_600 + 12_000 + 148_000 + 80_000 + 80_000 + 40_000
    assert flags["PT ABADI"]["PDS-Upah"]["potential_monthly"] == 2 * (at_umk - at_reported)
    # UD Sumber Rejeki: 3 workers, no NPP: PWBD, at max(declared Rp4,600,000, UMK).
    assert set(flags["UD SUMBER REJEKI"]) == {"PWBD"}
    assert report.non_compliant == 3


def test_pledge_allocation(wh, tmp_path):
    # BPU JKK 1 % + JKM Rp6,800 on Rp1,000,000 = Rp16,800 a month per person.
    tpq = pledge_add(
        wh,
        payer="RS Islam Sakinah",
        payer_type="CSR",
        budget=12 * 16_800 + 100,
        months=12,
        segment="GURU_TPQ",
        priority=1,
    )
    jatirejo = pledge_add(
        wh,
        payer="APBDes Tawangrejo",
        payer_type="APBDES",
        budget=2 * 6 * 16_800,
        months=6,
        area_code="35.16.01.2001",
        priority=2,
    )
    path = tmp_path / "janji.csv"
    path.write_text(PLEDGES, encoding="utf-8")
    import_and_refresh(wh, path, "pledges", regency="35.16", as_of=AS_OF)
    report = pledge_allocate(wh)
    by_payer = {p.payer: p for p in report.pledges}
    # TPQ teachers not yet protected: Nur only (Siti is active). 201,600 spent, 100 left.
    assert (by_payer["RS Islam Sakinah"].persons, by_payer["RS Islam Sakinah"].remaining) == (
        1,
        100,
    )
    # Tawangrejo's unprotected working people: Budi only (Dewi is a student; Ahmad and Siti
    # are active). 6 x 16,800 = 100,800 spent of 201,600.
    assert by_payer["APBDes Tawangrejo"].persons == 1
    assert by_payer["APBDes Tawangrejo"].spent == 100_800
    # The imported Baznas pledge, for kecamatan Gondang by name: Hendra (Rina is active, Sri
    # does not work). 3 x 16,800 = 50,400 of 100,000.
    baznas = by_payer["Baznas Kabupaten Mojokerto"]
    assert baznas.origin and (baznas.persons, baznas.spent) == (1, 50_400)
    names = {
        r["pledge_id"]: r["name"] for r in wh.query("SELECT pledge_id, name FROM pledge_allocation")
    }
    assert names[tpq] == "NUR HIDAYAH" and names[jatirejo] == "BUDI SANTOSO"
    assert "HENDRA GUNAWAN" in names.values()


def test_past_quarter_breakdown_is_kept(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as w:
        build(w, tmp_path)
        # June: Budi pays again (Tawangrejo 2 -> 3 active), and the extract says so.
        june = PARTICIPANTS.replace("BPU;;NON AKTIF;2022-11;", "BPU;;AKTIF;2023-06;")
        path = tmp_path / "peserta_juni.csv"
        path.write_text(june, encoding="utf-8")
        import_and_refresh(w, path, "participants", regency="35.16", as_of=dt.date(2023, 6, 30))
        now = rows_by(coverage_report(w, by="desa"), "area_code")
        march = coverage_report(w, by="desa", period="2023Q1")
        assert march.as_of == "2023-03-31"
        assert now["35.16.01.2001"].active_persons == 3
        assert rows_by(march, "area_code")["35.16.01.2001"].active_persons == 2
        # The regency: 6 in March, 7 in June.
        assert coverage_report(w, period="2023-03").rows[0].active_persons == 6
        assert coverage_report(w, period="2023Q2").rows[0].active_persons == 7


def test_partner_worklist(wh):
    from cakupan.worklists import worklist_rows

    # Kemenag's list: Nur (unprotected, once) and Siti (active): Nur only.
    rows = worklist_rows(wh, scope=ALL, partner="kemenag")
    assert [r["name"] for r in rows] == ["NUR HIDAYAH"]


def test_event_registrations_after_against_before(wh):
    from cakupan.campaigns import event_effects

    (event,) = event_effects(wh, weeks=4).rows
    # From Tawangrejo: in the 4 weeks before 1 March (1-28 February) Siti's BPU (10 Feb) = 1;
    # from 1 March to 28 March, Ahmad (5 Mar) and Siti's PU (20 Mar) = 2. Eko (10 Mar) lives
    # in Rejosari, Yusuf (2 Mar) in no desa we know: not counted.
    assert (event.before, event.after, event.difference) == (1, 2, 1)
    assert event.reported_registrations == 3


def test_imported_pledge_with_unknown_area_covers_nobody(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as w:
        build(w, tmp_path)
        path = tmp_path / "janji.csv"
        path.write_text(
            "PEMBERI,JENIS PEMBERI,NOMINAL,BULAN,WILAYAH SASARAN\n"
            "Baznas,BAZNAS,100000,3,Atlantis\n"
            "APBD,APBD,100000,3,35.16.02\n",
            encoding="utf-8",
        )
        import_and_refresh(w, path, "pledges", regency="35.16", as_of=AS_OF)
        by_payer = {p.payer: p for p in pledge_allocate(w).pledges}
        assert by_payer["Baznas"].persons == 0
        assert "Atlantis" in by_payer["Baznas"].problem
        assert by_payer["APBD"].persons == 1  # Hendra, Gondang (35.16.02) by code
        # A corrected file replaces the pledges the earlier file brought.
        path.write_text(
            "PEMBERI,JENIS PEMBERI,NOMINAL,BULAN,WILAYAH SASARAN\nBaznas,BAZNAS,100000,3,Gondang\n",
            encoding="utf-8",
        )
        import_and_refresh(w, path, "pledges", regency="35.16", as_of=AS_OF)
        payers = [p.payer for p in pledge_allocate(w).pledges]
        assert payers == ["Baznas"]


def test_a_person_the_register_lists_twice_counts_once(tmp_path):
    # Ahmad (active) and Budi (lapsed, unprotected) are each listed twice, spelt another
    # way, as a register does when a person is on two family cards: every figure stays as
    # above, Budi is in Tawangrejo's work list once and a pledge for two covers him once.
    twice = [
        line.replace("AHMAD", "ACHMAD").replace("SANTOSO", "SANTOSA")
        for line in REGISTER.splitlines()
        if "FAUZI" in line or "SANTOSO" in line
    ]
    with Warehouse(tmp_path / "w.duckdb") as w:
        build(w, tmp_path, REGISTER + "\n".join(twice) + "\n")
        assert w.scalar("SELECT count(*) FROM register") == 12
        assert coverage_report(w, by="regency").rows[0].active_persons == 6
        tawangrejo = rows_by(coverage_report(w, by="desa"), "area_code")["35.16.01.2001"]
        assert (tawangrejo.register_workers, tawangrejo.active_persons) == (3, 2)
        assert tawangrejo.denominator == pytest.approx(6)
        rows = worklist_rows(w, scope=ALL, desa="35.16.01.2001")
        assert [(r["name"], r["lapsed_kpj"]) for r in rows] == [("BUDI SANTOSO", "11000004")]
        published = w.query(
            f"SELECT name FROM ({UNPROTECTED_SQL[0]}) WHERE desa_code = ?", ["35.16.01.2001"]
        )
        assert [r["name"] for r in published] == ["BUDI SANTOSO"]
        (ranked,) = [r for r in campaign_ranking(w).rows if r.desa_code == "35.16.01.2001"]
        assert (ranked.informal_workers, ranked.unprotected) == (3, 1)
        pledge_add(
            w,
            payer="APBDes",
            payer_type="APBDES",
            budget=2 * 6 * 16_800,
            months=6,
            area_code="35.16.01.2001",
        )
        (pledge,) = pledge_allocate(w).pledges
        assert (pledge.persons, pledge.spent) == (1, 100_800)


def test_a_person_who_moved_desa_counts_where_they_live_now(tmp_path):
    # Eko moved from Rejosari to Gumeng: the register keeps his old row, marked PINDAH,
    # before the new one. He is active: Gumeng counts him (3 active), Rejosari no more (0),
    # nobody is unallocated but Yusuf, and Gumeng's working people are 3.
    register = REGISTER.replace(",PEKERJAAN", ",PEKERJAAN,STATUS DASAR")
    register = register.replace("\n", ",HIDUP\n").replace(
        "PEKERJAAN,STATUS DASAR,HIDUP", "PEKERJAAN,STATUS DASAR"
    )
    (eko,) = [line for line in register.splitlines() if "EKO" in line]
    moved = eko.replace("REJOSARI,JATIREJO", "GUMENG,GONDANG")
    register = register.replace(eko, eko.replace("HIDUP", "PINDAH")) + moved + "\n"
    with Warehouse(tmp_path / "w.duckdb") as w:
        build(w, tmp_path, register)
        desa = rows_by(coverage_report(w, by="desa"), "area_code")
        assert desa["35.16.01.2002"].active_persons == 0
        assert (desa["35.16.02.2001"].active_persons, desa["35.16.02.2001"].register_workers) == (
            3,
            3,
        )
        unallocated = [r for r in coverage_report(w, by="desa").rows if r.level == "unallocated"]
        assert unallocated[0].active_persons == 1
        assert coverage_report(w, by="regency").rows[0].active_persons == 6


def test_a_person_on_two_lists_of_one_ecosystem_counts_once(tmp_path):
    from cakupan.ecosystems import ecosystem_counts

    # Siti Aminah teaches at the TPQ and at a PAUD: one of the three teachers, and the only
    # one protected (summing the two lists said four teachers, two protected).
    paud = tmp_path / "paud.csv"
    paud.write_text(
        "NAMA,NIK,TGL LAHIR,DESA\n"
        "SITI AMINAH,3516016002850001,20/02/1985,TAWANGREJO\n"
        "DEWI LESTARI,3516014504050001,05/04/2005,TAWANGREJO\n",
        encoding="utf-8",
    )
    with Warehouse(tmp_path / "w.duckdb") as w:
        build(w, tmp_path)
        import_and_refresh(
            w, paud, "segment", regency="35.16", as_of=AS_OF, segment="GURU_PAUD",
            partner="HIMPAUDI",
        )  # fmt: skip
        counts = {c.key: c for c in ecosystem_counts(w)}
        lists = {r.segment: r.persons for r in coverage_report(w, by="segment").rows}
    assert lists["GURU_TPQ"] == lists["GURU_PAUD"] == 2
    teachers = counts["teachers"]
    assert (teachers.persons, teachers.active_persons) == (3, 1)
    assert teachers.lists == ("GURU_PAUD", "GURU_TPQ")
    assert set(counts) == {"teachers"}  # no other ecosystem has a list here


def test_a_regency_has_no_breakdown_by_regency(wh):
    from cakupan.errors import InputError

    with pytest.raises(InputError) as raised:
        coverage_report(wh, by="kabupaten")
    assert raised.value.code == "coverage.not_a_province" and "35.16" in str(raised.value)
