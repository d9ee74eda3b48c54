"""What a batch says on stderr: a progress bar and a summary on a terminal, and one line
per failed input anywhere (nothing else when stderr is not a terminal)."""
from __future__ import annotations

import sys
import time

import click

from .batch import Outcome
from .inputs import shown


class Reporter:
    def __init__(self, total_files: int, total_bytes: int, show_progress: bool,
                 verbose: bool = False, failed: int = 0):
        """``failed``: failures already said before the batch started (folders that
        could not be listed), counted in the summary and the exit status."""
        self.show = show_progress
        self.verbose = verbose
        self.started = time.perf_counter()
        self.ok = self.records = self.bytes = 0
        self.failed = failed
        self._file_records = 0  # records of the input in progress (a large one comes in pieces)
        self._file_repeats = 0
        self._progress = None
        if self.show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
                TextColumn("files {task.fields[mb]:.1f} MB {task.fields[records]} records "
                           "{task.fields[rate]:.1f} MB/s"),
                TimeRemainingColumn(), console=Console(stderr=True), transient=True,
            )
            self._task = self._progress.add_task("extract", total=total_files, mb=0.0, records=0,
                                                 rate=0.0)

    def __enter__(self) -> Reporter:  # noqa: PYI034 - typing.Self is 3.11; qmine runs on 3.10
        return self  # the bar starts with the first outcome, after workers are forked

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def say(self, line: str) -> None:
        """One line on stderr, above the bar when there is one."""
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            click.echo(line, err=True)

    def done(self, outcome: Outcome) -> None:
        if self._progress is not None and not self._progress.live.is_started:
            self._progress.start()
        self.bytes += outcome.size
        self.records += outcome.count
        self._file_records += outcome.count
        self._file_repeats += outcome.repeated
        for notice in outcome.notices:
            self.say(f"qmine: {shown(outcome.name)}: warning: {notice}")
        if outcome.error:
            self.failed += 1
            self.say(f"qmine: {outcome.error}")
        elif outcome.final:
            self.ok += 1
            if self._file_repeats and (self.show or self.verbose):  # a notice, not an error
                self.say(f"qmine: {shown(outcome.name)}: {self._file_repeats} repeated records "
                         "dropped (the text repeats itself; --keep-repeats keeps them)")
            if self.verbose:
                self.say(f"qmine: {shown(outcome.name)}: {outcome.encoding}, "
                         f"{self._file_records} records")
        if outcome.final or outcome.error:
            self._file_records = self._file_repeats = 0
        if self._progress is not None:
            seconds = max(time.perf_counter() - self.started, 1e-9)
            self._progress.update(self._task, advance=1 if outcome.final or outcome.error else 0,
                                  mb=self.bytes / 1e6, records=self.records,
                                  rate=self.bytes / 1e6 / seconds)

    def summary(self) -> None:
        if not self.show:
            return
        seconds = time.perf_counter() - self.started
        self.say(f"qmine: {self.ok} files ok, {self.failed} failed, {self.records} records, "
                 f"{self.bytes / 1e6:.1f} MB in {seconds:.1f} s")


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
