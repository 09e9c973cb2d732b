"""Benefits paid, cards and events from small imported files (the news of 14 April 2023)."""

from cakupan.activity import activity_report
from cakupan.ingest import import_file
from cakupan.warehouse import Warehouse


def test_payouts_cards_events(tmp_path):
    payouts = tmp_path / "santunan.csv"
    payouts.write_text(
        "PROGRAM;NAMA AHLI WARIS;NIK;NOMINAL;TANGGAL;DESA;KECAMATAN;SEBAB\n"
        "JKK;KELUARGA MULYO UTOMO;3516120101700001;Rp 70.000.000;14 April 2023;Trowulan;"
        "Trowulan;kecelakaan kerja\n"
        "JKM;SITI;;42.000.000;02/05/2023;Jabon;Mojoanyar;\n"
    )
    cards = tmp_path / "kartu.csv"
    cards.write_text(
        "NAMA;TANGGAL;KEGIATAN;KECAMATAN\n"
        + "".join(f"DEBITUR {i};14/04/2023;Monitoring KUR;Puri\n" for i in range(7))
    )
    events = tmp_path / "kegiatan.csv"
    events.write_text(
        "TANGGAL;NAMA KEGIATAN;JENIS TEMPAT;DESA;KECAMATAN;HADIR;PENDAFTAR BARU\n"
        "20/05/2023;Kerja Keras Bebas Cemas;Pasar;Trowulan;Trowulan;120;35\n"
    )
    with Warehouse.memory() as wh:
        for path, kind in ((payouts, "payouts"), (cards, "cards"), (events, "events")):
            report = import_file(wh, path, kind)
            assert report.rejected == 0, report.findings
        r = activity_report(wh)
    assert {p["program"]: p["amount"] for p in r.payouts_by_program} == {
        "JKK": 70_000_000,
        "JKM": 42_000_000,
    }
    assert [(p["quarter"], p["kecamatan_code"], p["amount"]) for p in r.payouts] == [
        ("2023Q2", "35.16.12", 70_000_000),
        ("2023Q2", "35.16.18", 42_000_000),
    ]
    assert list(r.cards) == [{"quarter": "2023Q2", "kecamatan_code": "35.16.11", "records": 7}]
    assert r.events[0]["registrations"] == 35 and r.events[0]["venue_type"] == "pasar"
