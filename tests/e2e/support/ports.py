"""Free-port allocation that is safe across parallel pytest processes (ctest -j).

A test gets a PortBlock of BLOCK_SIZE consecutive ports. Blocks are reserved with an exclusive
flock() on a lock file under /tmp, held for the life of the test, and every port of the block
is checked to be bindable on 127.0.0.1 for UDP and TCP. The range stays below Linux's default
ephemeral range (32768-60999) so kernel-chosen ports of other programs don't collide."""
import errno
import fcntl
import os
import random
import socket

RANGE_START = 20000
RANGE_END = 32000
BLOCK_SIZE = 80
LOCK_DIR = "/tmp/telpanel-e2e-ports"


def _bindable(port):
    for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
        s = socket.socket(socket.AF_INET, kind)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        finally:
            s.close()
    return True


class PortBlock:
    def __init__(self):
        os.makedirs(LOCK_DIR, exist_ok=True)
        n_blocks = (RANGE_END - RANGE_START) // BLOCK_SIZE
        order = list(range(n_blocks))
        random.shuffle(order)
        for b in order:
            path = os.path.join(LOCK_DIR, f"block-{b}.lock")
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                os.close(fd)
                if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                    continue
                raise
            base = RANGE_START + b * BLOCK_SIZE
            if all(_bindable(p) for p in range(base, base + BLOCK_SIZE)):
                self._fd, self.base, self._next = fd, base, base
                return
            os.close(fd)
        raise RuntimeError("no free block of ports for the test")

    def take(self, n=1):
        """n consecutive ports of this block; returns the first."""
        first = self._next
        if first + n > self.base + BLOCK_SIZE:
            raise RuntimeError("port block exhausted")
        self._next += n
        return first

    def release(self):
        if getattr(self, "_fd", None) is not None:
            os.close(self._fd)
            self._fd = None
