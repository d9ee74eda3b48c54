import io

from qmine.cli.inputs import discover


def make(tmp_path):
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.html").write_text("x", encoding="utf-8")
    return tmp_path


def test_folder_gives_its_matching_files_sorted(tmp_path):
    root = make(tmp_path)
    assert list(discover([str(root)])) == [str(root / "a.txt"), str(root / "b.txt")]


def test_recursive_and_globs(tmp_path):
    root = make(tmp_path)
    assert list(discover([str(root)], recursive=True, globs=["*.html"])) \
        == [str(root / "sub" / "d.html")]
    assert len(list(discover([str(root)], recursive=True))) == 3


def test_command_line_order_first_and_each_once(tmp_path):
    root = make(tmp_path)
    got = list(discover([str(root / "b.txt"), str(root), "-", "missing.txt"]))
    assert got == [str(root / "b.txt"), str(root / "a.txt"), "-", "missing.txt"]


def test_files_from(tmp_path):
    root = make(tmp_path)
    listing = io.StringIO(f"{root / 'b.txt'}\n\n{root / 'a.txt'}\n")
    assert list(discover([], files_from=listing)) == [str(root / "b.txt"), str(root / "a.txt")]
