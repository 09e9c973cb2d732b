from cakupan.formatting import format_number, format_percent, format_rupiah


def test_indonesian_formats():
    assert format_rupiah(16_800) == "Rp16.800"
    assert format_rupiah(0) == "Rp0"
    assert format_number(1_120_000) == "1.120.000"
    assert format_percent(0.3043) == "30,43 %"
