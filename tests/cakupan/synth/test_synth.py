import hashlib

from cakupan.identity import parse_nik
from cakupan.synth import generate


def _digest(files):
    """Bytes of the CSV files, cell values of the workbooks (which carry timestamps)."""
    import openpyxl

    h = hashlib.sha256()
    for path in [files.register, files.participants, *files.lists]:
        if path.suffix == ".xlsx":
            for row in openpyxl.load_workbook(path, read_only=True).active.iter_rows(
                values_only=True
            ):
                h.update(repr(row).encode())
        else:
            h.update(path.read_bytes())
    return h.hexdigest()


def test_same_seed_same_files(tmp_path):
    a = generate(tmp_path / "a", people=2000, seed=5)
    b = generate(tmp_path / "b", people=2000, seed=5)
    c = generate(tmp_path / "c", people=2000, seed=6)
    assert _digest(a) == _digest(b) != _digest(c)


def test_register_niks_are_valid_and_unique(tmp_path):
    files = generate(tmp_path, people=3000, seed=1)
    lines = files.register.read_text(encoding="utf-8").splitlines()[1:]
    niks = [parse_nik(line.split(",")[0]).nik for line in lines]
    assert len(niks) == len(set(niks)) == 3000


def test_participants_are_messy(tmp_path):
    files = generate(tmp_path, people=20000, seed=1)
    text = files.participants.read_text(encoding="utf-8")
    assert "E+15" in text  # Excel scientific notation
    assert ";'" in text  # leading apostrophes
    assert "NON AKTIF" in text and ";AKTIF;" in text
    assert ";JAKON;" in text and ";BPU;" in text and ";PU;" in text
