"""Read-ahead: a forked process reads and parses batches while this one writes.

Parsing JSON is the larger half of an import and SQLite or the PostgreSQL
client holds the GIL for most of the other, so threads would not overlap;
a second process puts the second core to work. The child looks stored
fingerprints up on its own read connection so unchanged rows are still never
parsed; rows of batches the parent has not committed yet are always parsed,
and the parent classifies every parsed row against its own lookup inside its
write transaction, so results are exactly those of the inline loop.
"""

import multiprocessing
import signal
import traceback
from collections import deque
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
    ) -> None:
        self.args = (format_name, path, start, stop, batch_size, limit, stale_before)

    def __enter__(self) -> "ReadAhead":
        # The child must not share this process's database sockets.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=True)
        self.process = context.Process(
            target=_produce, args=(sender, *self.args), daemon=True
        )
        self.process.start()
        sender.close()
        return self

    def __iter__(self) -> Iterator[tuple[Prepared, int, set[str]]]:
        """Prepared batches, with the ids to look up again before writing.

        The consumer commits each batch before asking for the next; that is
        when the child is told (ack), and it never prepares a batch more than
        one ahead of the last acknowledged one. So at the child's lookup only
        the previous batch can be uncommitted: those ids are re-checked.
        """
        written: set[str] = set()
        first = True
        while True:
            if not first:
                try:
                    self.receiver.send("ack")
                except OSError:
                    pass  # the child has sent everything and left
            first = False
            try:
                kind, payload = self.receiver.recv()
            except EOFError:
                raise ReadAheadError("the read-ahead process died") from None
            if kind == "batch":
                prepared, done = payload
                yield prepared, done, written
                written = {rec.repo_id for _, rec, _ in prepared.parsed}
            elif kind == "end":
                return
            else:
                raise ReadAheadError(payload)

    def __exit__(self, *exc_info) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=10)
        self.receiver.close()


def _produce(sender, format_name, path, start, stop, batch_size, limit, stale_before):
    # Ctrl-C reaches the whole process group: the parent decides, the child
    # just stops when told (SIGTERM) or when the pipe closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        fmt = FORMATS[format_name]
        reader = fmt.reader(Path(path), start, stop)
        writer = batch_writer()
        recent: deque[set[str]] = deque(maxlen=2)
        read = sent = acked = 0
        for batch, error in batches(reader, batch_size):
            if limit is not None and read + len(batch) > limit:
                batch = batch[: limit - read]
            if batch:
                while acked < sent - 1:  # stay at most one batch ahead
                    sender.recv()
                    acked += 1
                prepared = listing_prepare(
                    batch,
                    normalize=fmt.normalize,
                    lookup=lambda ids: writer.lookup(ids, stale_before),
                    in_flight=set().union(*recent),
                )
                parsed = {rec.repo_id for _, rec, _ in prepared.parsed}
                prepared.stored = {
                    r: s for r, s in (prepared.stored or {}).items() if r in parsed
                }
                recent.append(parsed)
                sender.send(("batch", (prepared, reader.done)))
                sent += 1
                read += len(batch)
            if error is not None:
                raise error
            if limit is not None and read >= limit:
                break
        sender.send(("end", None))
    except (BrokenPipeError, EOFError):
        pass  # the parent stopped reading: an interrupt or a limit
    except BaseException:  # noqa: BLE001 - everything is reported to the parent
        try:
            sender.send(("error", traceback.format_exc()))
        except OSError:
            pass
    finally:
        sender.close()
        connections.close_all()
