import pytest

from cakupan import areas
from cakupan.errors import AreaNotFound


def test_counts_for_mojokerto():
    kecamatan = areas.children("35.16")
    assert len(kecamatan) == 18
    assert sum(len(areas.children(k.code)) for k in kecamatan) == 304


@pytest.mark.parametrize("name", ["Trowulan", "TROWULAN", "Kec. Trowulan", "kecamatan  trowulan"])
def test_find_kecamatan_by_any_spelling(name):
    assert areas.find(name, parent="35.16").code == "35.16.12"


def test_desa_names_repeat_across_kecamatan():
    desa = areas.find("Trowulan", parent="35.16.12")
    assert desa.level == "desa" and desa.code.startswith("35.16.12.")
    assert areas.find("Desa Trowulan", parent="35.16").code == desa.code


def test_kabupaten_and_kota_of_the_same_name():
    assert areas.find("Kabupaten Mojokerto").code == "35.16"
    assert areas.find("Kota Mojokerto").code == "35.76"


def test_not_found_suggests():
    with pytest.raises(AreaNotFound) as info:
        areas.find("Trowlan", parent="35.16")
    assert "Trowulan" in str(info.value)


def test_get_and_levels():
    assert areas.get("35").name == "JAWA TIMUR"
    assert areas.level_of("35.16.12.2001") == "desa"
    assert areas.district_exists("35.16.12") and not areas.district_exists("35.16.99")
    with pytest.raises(AreaNotFound):
        areas.get("99.99")
    with pytest.raises(AreaNotFound):
        areas.level_of("abc")


def test_kelurahan_flag():
    kel = [d for k in areas.children("35.16") for d in areas.children(k.code) if d.is_kelurahan]
    assert kel and all(d.code.split(".")[-1].startswith("1") for d in kel)
