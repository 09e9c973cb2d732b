"""Dukcapil / OpenSID code lists: every code and label of every list resolves."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cakupan.codes import CODE_LISTS, code_key, code_list

# OpenSID's Data_awal_seeder: how many entries each list has.
SIZES = {"sex": 2, "agama": 7, "hubungan": 11, "kawin": 4, "status_dasar": 6, "pekerjaan": 89}


@pytest.mark.parametrize("name", CODE_LISTS)
def test_every_code_and_label_resolves_to_itself(name):
    codes = code_list(name)
    assert len(codes.entries) == SIZES[name]
    for entry in codes.entries:
        for spelling in (entry.code, entry.label, entry.label.title(), f" {entry.code}.0 "):
            assert codes.resolve(spelling) is entry, spelling


def test_occupations_are_all_classified_with_a_reason():
    entries = code_list("pekerjaan").entries
    assert [int(e.code) for e in entries] == list(range(1, 90))
    for e in entries:
        assert e.attrs["is_worker"] in ("true", "false") and e.attrs["reason"]
        assert e.attrs["informal"] == "false" or e.attrs["is_worker"] == "true"
    not_working = {e.label for e in entries if e.attrs["is_worker"] == "false"}
    assert not_working == {
        "BELUM/TIDAK BEKERJA",
        "MENGURUS RUMAH TANGGA",
        "PELAJAR/MAHASISWA",
        "PENSIUNAN",
    }


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("PNS", "PEGAWAI NEGERI SIPIL (PNS)"),
        ("Pegawai Negeri Sipil", "PEGAWAI NEGERI SIPIL (PNS)"),
        ("TNI", "TENTARA NASIONAL INDONESIA (TNI)"),
        ("KEPOLISIAN RI", "KEPOLISIAN RI (POLRI)"),
        ("Belum / Tidak Bekerja", "BELUM/TIDAK BEKERJA"),
        ("penjahit", "TUKANG JAHIT"),
        ("09", "PETANI/PEKEBUN"),
    ],
)
def test_spellings_seen_in_real_files(raw, label):
    assert code_list("pekerjaan").resolve(raw).label == label


def test_status_dasar_says_who_lives():
    living = code_list("status_dasar").values_where("living", "true")
    assert living == ["HIDUP"]
    assert code_list("status_dasar").resolve("Pindah Luar Negeri").value == "PINDAH"


@given(st.text(max_size=40))
def test_code_key_is_idempotent_and_never_raises(text):
    assert code_key(code_key(text)) == code_key(text)
