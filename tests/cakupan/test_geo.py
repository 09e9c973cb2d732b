import json

import pytest

from cakupan import geo
from cakupan.errors import InputError


def test_bundled_mojokerto():
    desa = geo.bundled_boundaries("35.16", "desa")
    assert len(desa) == 304
    assert len({s.code for s in desa}) == 304
    view_box, paths = geo.svg_paths(desa, width=800)
    assert view_box.startswith("0 0 800 ")
    assert all(p.d.startswith("M") for p in paths)


def test_any_geojson_with_codes(tmp_path):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"KODE_WILAYAH": "x", "kode_wilayah": "33.01.01"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[110, -7], [110.1, -7], [110, -7.1], [110, -7]]],
                },
            }
        ],
    }
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps(doc))
    shapes = geo.load_boundaries(path)
    assert shapes[0].code == "33.01.01"


def test_feature_without_code(tmp_path):
    path = tmp_path / "b.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": {"nama": "X"}, "geometry": None}],
            }
        )
    )
    with pytest.raises(InputError) as info:
        geo.load_boundaries(path)
    assert info.value.code == "geo.no_code"


def test_a_map_without_bundled_boundaries_says_so_instead_of_failing():
    from cakupan.figures import desa_map_svg

    svg = desa_map_svg("35", {}, 0.6, title="UCJ", reached="ok", no_map="Batas desa <tidak>")
    assert svg.startswith("<svg") and "Batas desa &lt;tidak&gt;" in svg and "<path" not in svg
    mojokerto = desa_map_svg("35.16", {}, 0.6, title="UCJ", reached="ok", no_map="x")
    assert mojokerto.count("<path") >= 300  # the regency's desa, as before
