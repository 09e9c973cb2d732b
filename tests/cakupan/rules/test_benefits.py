from cakupan.rules import jkk_death_benefit, jkm_benefit


def test_jkm_is_42_million():
    b = jkm_benefit()
    assert b.total == 42_000_000
    assert b.components == {"lump_sum": 20_000_000, "periodic": 12_000_000, "funeral": 10_000_000}
    assert b.conditional["scholarship_max_after_3_years"] == 174_000_000


def test_jkk_death_the_trowulan_brickmaker():
    # The news: Rp70 million to a brick-maker's family; 48 x 1,000,000 + 10 M + 12 M.
    assert jkk_death_benefit(wage=1_000_000).total == 70_000_000
    assert jkk_death_benefit(wage=4_504_787).components["wage_lump_sum"] == 48 * 4_504_787
