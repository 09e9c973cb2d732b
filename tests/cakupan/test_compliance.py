"""Compliance findings of hand-made companies, the arithmetic written out (UMK 2023
Kabupaten Mojokerto Rp4,504,787; risk class 1)."""

import datetime as dt

from cakupan.compliance import company_findings

ON = dt.date(2023, 6, 1)
UMK = 4_504_787


def codes(findings):
    return {f["code"]: f for f in findings}


def test_pds_tk_counts_the_missing_workers():
    f = codes(
        company_findings(
            {
                "npp": "1",
                "risk_class": 1,
                "declared_workers": 10,
                "declared_wage": 5_000_000,
                "registered_workers": 7,
                "reported_wage": 5_000_000,
                "programs": "JKK,JKM,JHT,JP",
            },
            umk_value=UMK,
            on=ON,
        )
    )
    assert set(f) == {"PDS-TK"}
    # One worker at Rp5,000,000, class 1: JKK 12,000 + JKM 15,000 + JHT 285,000 + JP 150,000.
    assert f["PDS-TK"]["potential_monthly"] == 3 * (12_000 + 15_000 + 285_000 + 150_000)


def test_pds_upah_below_umk():
    f = codes(
        company_findings(
            {
                "npp": "1",
                "risk_class": 1,
                "declared_workers": 2,
                "declared_wage": 0,
                "registered_workers": 2,
                "reported_wage": 3_000_000,
                "programs": "JKK,JKM,JHT,JP",
            },
            umk_value=UMK,
            on=ON,
        )
    )
    assert set(f) == {"PDS-Upah"} and "below the UMK" in f["PDS-Upah"]["evidence"]
    # At the UMK: JKK 10,811.49 -> 10,811; JKM 13,514.36 -> 13,514; JHT 166,677 + 90,096;
    # JP 90,096 + 45,048 (cap not reached). At Rp3,000,000: 7,200 + 9,000 + 111,000 + 60,000
    # + 60,000 + 30,000.
    at_umk = 10_811 + 13_514 + 166_677 + 90_096 + 90_096 + 45_048
    at_reported = 7_200 + 9_000 + 111_000 + 60_000 + 60_000 + 30_000
    assert f["PDS-Upah"]["potential_monthly"] == 2 * (at_umk - at_reported)


def test_pds_program_and_pwbd():
    f = codes(
        company_findings(
            {
                "npp": "1",
                "risk_class": 1,
                "declared_workers": 4,
                "declared_wage": 5_000_000,
                "registered_workers": 4,
                "reported_wage": 5_000_000,
                "programs": "JKK,JKM,JHT",
            },
            umk_value=UMK,
            on=ON,
        )
    )
    assert set(f) == {"PDS-Program"}
    assert f["PDS-Program"]["potential_monthly"] == 4 * 150_000  # JP: 2 % + 1 % of 5,000,000
    f = codes(
        company_findings(
            {"npp": None, "risk_class": 1, "declared_workers": 3, "declared_wage": 5_000_000},
            umk_value=UMK,
            on=ON,
        )
    )
    assert set(f) == {"PWBD"}
    assert f["PWBD"]["potential_monthly"] == 3 * (12_000 + 15_000 + 285_000 + 150_000)


def test_compliant_company_has_no_findings():
    assert (
        company_findings(
            {
                "npp": "1",
                "risk_class": 2,
                "declared_workers": 5,
                "declared_wage": 5_000_000,
                "registered_workers": 5,
                "reported_wage": 5_000_000,
                "programs": "JKK, JKM, JHT, JP",
            },
            umk_value=UMK,
            on=ON,
        )
        == []
    )
