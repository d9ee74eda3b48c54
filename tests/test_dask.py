"""`--engine dask` on one session-wide LocalCluster of 2 single-thread workers: the
same records as `-j 1`, in input order, failures as one error each, workers that die
retried or isolated, and S3 in and out through a local moto server. Skipped without
the extras (pip install '.[test]' has them)."""

import json
import sys

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from qmine.cli.main import main

pytest.importorskip("distributed", reason="pip install 'qmine[dask]'")
pq = pytest.importorskip("pyarrow.parquet", reason="pip install 'qmine[parquet]'")

HUZHOU = SAMPLES / "huzhou-quality-2013.txt"
XIANGZHOU = SAMPLES / "xiangzhou-quality-2012-trad.txt"
BINARY_ERROR = "looks binary (NUL bytes), not a text report"


def qmine(*args):
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def on_dask(scheduler, *args, per_task=2):
    """`qmine extract ARGS --engine dask` on the session's cluster, ``per_task`` files a task."""
    return qmine(*args, "--engine", "dask", "--scheduler", scheduler, "--per-task", per_task)


def rows_of(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def dataset_rows(folder) -> list[dict]:
    """The parts' rows in part order, each float64 that is whole read as an int, as
    qmine writes whole numbers in JSON (so the two compare type for type)."""
    table = pq.read_table(folder)
    doubles = {f.name for f in table.schema if str(f.type) == "double"}
    return [
        {
            k: int(v) if k in doubles and v is not None and v.is_integer() else v
            for k, v in r.items()
        }
        for r in table.to_pylist()
    ]


def copies(folder, names):
    folder.mkdir(exist_ok=True)
    for i, name in enumerate(names):
        (folder / name).write_bytes((HUZHOU if i % 2 else XIANGZHOU).read_bytes())
    return folder


def test_dask_gives_the_records_of_j1_in_input_order_with_one_error_row(dask_scheduler, tmp_path):
    folder = copies(tmp_path / "in", [f"r{i}.txt" for i in range(7)])
    (folder / "r3.txt").write_bytes(b"\x00\x01\x02binary")
    local = qmine(folder, "-j", "1", "--format", "jsonl")
    assert local.exit_code == 1
    expected = rows_of(local.stdout)
    error = f"qmine: {folder / 'r3.txt'}: {BINARY_ERROR}"

    streamed = on_dask(dask_scheduler, folder)
    assert streamed.exit_code == 1
    assert streamed.stdout == local.stdout
    assert streamed.stderr.splitlines() == [error]

    out = tmp_path / "out"
    written = on_dask(dask_scheduler, folder, "-o", f"{out}/")
    assert written.exit_code == 1 and written.stderr.splitlines() == [error]
    assert dataset_rows(out) == expected
    manifest = json.loads((out / "_SUCCESS.json").read_text(encoding="utf-8"))
    assert manifest["errors"] == [
        {"input": str(folder / "r3.txt"), "error": error[len("qmine: ") :]}
    ]
    assert (manifest["inputs"], manifest["succeeded"], manifest["failed"]) == (7, 6, 1)
    assert manifest["records"] == len(expected)
    assert [p["name"] for p in manifest["parts"]] == [f"part-{i:05d}.parquet" for i in range(4)]
    assert sorted(p.name for p in out.iterdir()) == ["_SUCCESS.json"] + [
        p["name"] for p in manifest["parts"]
    ]
    assert manifest["rules_digest"] and manifest["qmine_version"]


def test_a_file_whose_first_attempt_kills_its_worker_is_retried_without_duplicates(
    dask_scheduler, tmp_path
):
    names = ["a.txt", "b.txt", "c-first-kills.txt", "d.txt", "e.txt"]
    folder = copies(tmp_path / "in", names)
    expected = rows_of(qmine(folder, "-j", "1", "--format", "jsonl").stdout)
    armed = folder / "c-first-kills.txt.armed"
    armed.write_text("kill the first worker that reads c-first-kills.txt\n", encoding="utf-8")
    out = tmp_path / "out"
    result = on_dask(dask_scheduler, folder, "-o", f"{out}/")
    assert not armed.exists()  # a worker read it, and died
    assert result.exit_code == 0, result.stderr
    assert dataset_rows(out) == expected  # the retried batch's part once, not twice
    assert not (out / "_temporary").exists()


def test_a_file_that_kills_its_worker_every_time_fails_alone(dask_scheduler, tmp_path):
    names = ["a.txt", "b.txt", "c-always-kills.txt", "d.txt", "e.txt"]
    folder = copies(tmp_path / "in", names)
    others = [folder / n for n in names if "kills" not in n]
    expected = rows_of(qmine(*others, "-j", "1", "--format", "jsonl").stdout)
    out = tmp_path / "out"
    result = on_dask(dask_scheduler, folder, "-o", f"{out}/", per_task=3)
    assert result.exit_code == 1
    error = (
        f"{folder / 'c-always-kills.txt'}: extraction failed: the worker process died each time "
        "it was tried"
    )
    assert result.stderr.splitlines() == [f"qmine: {error}"]
    assert dataset_rows(out) == expected  # nothing of the batch's dying attempts is left
    manifest = json.loads((out / "_SUCCESS.json").read_text(encoding="utf-8"))
    assert manifest["errors"] == [{"input": str(folder / "c-always-kills.txt"), "error": error}]


def test_s3_in_and_out_through_a_local_moto_server(dask_scheduler, s3_endpoint, tmp_path):
    pytest.importorskip("s3fs", reason="pip install 'qmine[s3]'")
    pytest.importorskip("moto.server", reason="pip install 'moto[server]'")
    import s3fs
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=s3_endpoint, verbose=False)
    server.start()
    try:
        fs = s3fs.S3FileSystem()
        fs.mkdir("qmine-test")
        fs.put_file(str(HUZHOU), "qmine-test/in/a.txt")
        fs.put_file(str(XIANGZHOU), "qmine-test/in/sub/b.txt")
        fs.pipe_file("qmine-test/in/c.txt", b"\x00\x01binary")
        result = qmine(
            "s3://qmine-test/in/",
            "-r",
            "--engine",
            "dask",
            "--scheduler",
            dask_scheduler,
            "-o",
            "s3://qmine-test/out",
        )
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [f"qmine: s3://qmine-test/in/c.txt: {BINARY_ERROR}"]
        fs.invalidate_cache()
        manifest = json.loads(fs.cat_file("qmine-test/out/_SUCCESS.json"))
        assert (manifest["inputs"], manifest["failed"]) == (3, 1)
        table = pq.read_table("qmine-test/out", filesystem=fs)
        local = rows_of(qmine(HUZHOU, XIANGZHOU, "-j", "1", "--format", "jsonl").stdout)
        assert table.num_rows == manifest["records"] == len(local)
        assert table.column("doc").to_pylist() == (
            ["s3://qmine-test/in/a.txt"] * 123
            + ["s3://qmine-test/in/sub/b.txt"] * (len(local) - 123)
        )
        assert table.column("indicator").to_pylist() == [r["indicator"] for r in local]
        # the local engine reads URLs too
        one = qmine("s3://qmine-test/in/a.txt", "-j", "1", "--format", "jsonl")
        assert one.exit_code == 0 and len(rows_of(one.stdout)) == 123
    finally:
        server.stop()


def test_table_takes_the_dask_engine_too(dask_scheduler):
    args = ["table", str(HUZHOU), str(XIANGZHOU), "--format", "jsonl"]
    local = CliRunner().invoke(main, args)
    dask = CliRunner().invoke(main, args + ["--engine", "dask", "--scheduler", dask_scheduler])
    assert dask.exit_code == local.exit_code == 0
    assert dask.stdout == local.stdout and dask.stdout


def test_without_the_extra_one_line_says_which_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = qmine(HUZHOU, "--engine", "dask")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "qmine: error: --engine dask needs dask.distributed: pip install 'qmine[dask]'\n"
    )


def test_dask_options_need_the_dask_engine_and_a_folder_output_needs_it_too(tmp_path):
    assert qmine(HUZHOU, "--per-task", "2").exit_code == 2
    result = qmine(HUZHOU, "-o", f"{tmp_path}/")
    assert result.exit_code == 2 and "needs --engine dask" in result.stderr


def test_a_killed_dask_run_leaves_the_previous_dataset_as_it_was(dask_scheduler, tmp_path):
    import signal
    import subprocess
    import time

    small = copies(tmp_path / "small", ["a.txt", "b.txt"])
    out = tmp_path / "out"
    assert (
        qmine(small, "--engine", "dask", "--scheduler", dask_scheduler, "-o", f"{out}/").exit_code
        == 0
    )
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    big = copies(tmp_path / "big", [f"r{i:03d}.txt" for i in range(300)])
    p = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "qmine.cli",
            "extract",
            str(big),
            "--engine",
            "dask",
            "--scheduler",
            dask_scheduler,
            "--per-task",
            "2",
            "-o",
            f"{out}/",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while not list(out.glob("_temporary/*/part-*.parquet")) and time.time() < deadline:
        time.sleep(0.05)  # the workers are writing parts
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    assert (
        p.returncode == 130
        and err.decode().splitlines()[-1] == "qmine: interrupted; nothing was written"
    )
    assert {q.name: q.read_bytes() for q in out.iterdir() if q.is_file()} == before


def test_a_scheduler_that_cannot_be_reached_is_one_line(tmp_path):
    missing = tmp_path / "scheduler.json"
    result = qmine(HUZHOU, "--engine", "dask", "--scheduler-file", missing)
    assert result.exit_code == 2
    assert result.stderr == (
        f"qmine: error: {missing}: no such scheduler file "
        "(`dask scheduler --scheduler-file FILE` writes it)\n"
    )


def test_the_local_cluster_qmine_starts_runs_its_workers_without_the_profiler():
    """The LocalCluster of `--engine dask` without a scheduler: its workers sample no
    profile and check their event loop twice a second, not fifty times (QUIET_WORKERS);
    the client's own settings are left as they were."""
    import dask
    from qmine.cli.batch import JobSpec
    from qmine.cli.dask_engine import QUIET_WORKERS, Cluster, DaskSettings

    def settings():
        import dask

        return {key: dask.config.get(key) for key in QUIET_WORKERS}

    cluster = Cluster(DaskSettings(workers=1), JobSpec())
    try:
        (on_worker,) = cluster.client.run(settings).values()
    finally:
        cluster.close()
    assert on_worker == QUIET_WORKERS
    assert dask.config.get("distributed.worker.profile.enabled") is True
