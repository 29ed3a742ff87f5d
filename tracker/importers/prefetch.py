"""Read-ahead: a forked process reads and parses batches while this one writes.

Parsing JSON is the larger half of an import and SQLite or the PostgreSQL
client holds the GIL for most of the other, so threads would not overlap;
a second process puts the second core to work. The child looks stored
fingerprints up on its own read connection so unchanged rows are still never
parsed; rows of batches the parent has not committed yet are always parsed,
and the parent classifies every parsed row against its own lookup inside its
write transaction, so results are exactly those of the inline loop.

The child never outlives the parent: it keeps only its own end of the pipe
(so a dead parent reads as end of file), asks the kernel for SIGTERM when the
parent dies, and checks for its parent while it waits.
"""

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from django.db import connection, connections

from .formats import FORMATS
from .listing import Prepared, listing_prepare
from .pipeline import batches
from .writers import batch_writer


class ReadAheadError(Exception):
    """The read-ahead process failed; the message carries its traceback."""


def read_ahead_available() -> bool:
    """Forking is safe only outside a transaction and outside daemon processes."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not connection.in_atomic_block
        and not multiprocessing.current_process().daemon
    )


class ReadAhead:
    """Context manager yielding (Prepared batch, progress) from a child process."""

    def __init__(
        self,
        *,
        format_name: str,
        path: str,
        start: dict | None,
        stop: dict | None,
        batch_size: int,
        limit: int | None,
        stale_before: datetime,
        snapshot: str | None = None,
    ) -> None:
        self.args = (
            format_name,
            path,
            start,
            stop,
            batch_size,
            limit,
            stale_before,
            snapshot,
        )
        self.yielded = 0  # batches handed to the consumer
        self.committed = 0  # of those, how many are committed

    def __enter__(self) -> "ReadAhead":
        # The child must not share this process's database sockets.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=True)
        self.process = context.Process(
            target=_produce,
            args=(sender, self.receiver, os.getpid(), *self.args),
            daemon=True,
        )
        self.process.start()
        sender.close()
        return self

    def mark_committed(self) -> None:
        """The consumer committed every batch it was handed so far."""
        self.committed = self.yielded

    def __iter__(self) -> Iterator[tuple[Prepared, int, set[str]]]:
        """Prepared batches, with the ids to look up again before writing.

        The consumer asks for the next batch once it has written the last
        one; that is when the child is told (ack, with how many batches are
        committed), and it never prepares a batch more than one ahead of the
        last acknowledged one. So at the child's lookup for batch n, batches
        after those committed at ack n-2 may be unseen: their ids are
        re-checked (and the child parses them rather than skip them).
        """
        ids: dict[int, set[str]] = {}
        committed_at_ack: dict[int, int] = {}
        while True:
            if self.yielded:
                committed_at_ack[self.yielded] = self.committed
                try:
                    self.receiver.send(("ack", self.committed))
                except OSError:
                    pass  # the child has sent everything and left
            try:
                kind, payload = self.receiver.recv()
            except EOFError:
                raise ReadAheadError("the read-ahead process died") from None
            if kind == "batch":
                prepared, done = payload
                number = self.yielded + 1
                seen = committed_at_ack.get(number - 2, 0)
                recheck = set().union(*(ids[m] for m in range(seen + 1, number)))
                for old in [m for m in ids if m <= seen]:
                    del ids[old]
                ids[number] = {item[1].repo_id for item in prepared.parsed}
                self.yielded = number
                yield prepared, done, recheck
            elif kind == "end":
                return
            else:
                raise ReadAheadError(payload)

    def __exit__(self, *exc_info) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=10)
        self.receiver.close()


def _watch_parent(parent_pid: int) -> None:
    """Die with the parent, even when it is killed without a chance to tell."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # gone before the request took effect
        os._exit(0)


def _wait_ack(sender, parent_pid: int):
    # poll() with a timeout, so a parent that vanished is noticed even where
    # the kernel does not signal it.
    while not sender.poll(1.0):
        if os.getppid() != parent_pid:
            raise EOFError
    return sender.recv()


def _produce(
    sender,
    parent_end,
    parent_pid,
    format_name,
    path,
    start,
    stop,
    batch_size,
    limit,
    stale_before,
    snapshot,
):
    # The forked copy of the parent's end would keep the pipe open after the
    # parent died: this process would wait for an ack forever.
    parent_end.close()
    _watch_parent(parent_pid)
    # Ctrl-C reaches the whole process group: the parent decides, the child
    # just stops when told (SIGTERM) or when the pipe closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # As in the writer (pipeline.chunk_process): parsed rows make no cycles,
    # and full collections would walk the whole inherited heap again and
    # again; what was inherited is frozen out of their way.
    gc.disable()
    gc.freeze()
    try:
        fmt = FORMATS[format_name]
        reader = fmt.reader(Path(path), start, stop)
        writer = batch_writer()
        writer.prepare_reader()
        recent: dict[int, set[str]] = {}  # batch number -> ids, uncommitted
        read = sent = acked = committed = 0
        for batch, error in batches(reader, batch_size):
            if limit is not None and read + len(batch) > limit:
                batch = batch[: limit - read]
            if batch:
                while acked < sent - 1:  # stay at most one batch ahead
                    _, committed = _wait_ack(sender, parent_pid)
                    acked += 1
                for old in [m for m in recent if m <= committed]:
                    del recent[old]
                prepared = listing_prepare(
                    batch,
                    normalize=fmt.normalize,
                    lookup=lambda ids: writer.lookup(ids, stale_before),
                    in_flight=set().union(*recent.values()),
                    snapshot=snapshot,
                )
                parsed = {item[1].repo_id for item in prepared.parsed}
                prepared.stored = {
                    r: s for r, s in (prepared.stored or {}).items() if r in parsed
                }
                sent += 1
                recent[sent] = parsed
                if sent % 20 == 0:
                    gc.collect(1)  # in case something did make a cycle
                sender.send(("batch", (prepared, reader.done)))
                read += len(batch)
            if error is not None:
                raise error
            if limit is not None and read >= limit:
                break
        sender.send(("end", None))
    except (BrokenPipeError, EOFError, ConnectionResetError):
        pass  # the parent stopped reading: an interrupt, a limit, or its death
    except BaseException:  # noqa: BLE001 - everything is reported to the parent
        try:
            sender.send(("error", traceback.format_exc()))
        except OSError:
            pass
    finally:
        sender.close()
        connections.close_all()
