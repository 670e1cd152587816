"""Training speed on every array backend present, side by side, on a net big enough for a GPU to matter.

    python bench/bench_backends.py [hidden ...] [--batch 256] [--points 4096] [--seconds 1.5]

The playground's spiral (4096 noisy points, bias units, no column of ones) through one hidden layer
of 256 and 1024 units by default, mini-batches of 256: the same Spec, seed and data on each backend
(engine/backend.py). Each backend first trains 20 updates, and their parameters are checked against
NumPy's (else it is not the same work). Then the backends take turns, in rounds, for about
`--seconds` each (machine noise hits all of them alike), and the best rate of each is printed, in
updates per second and as a ratio to NumPy. A backend that is missing or has no device is listed with
the reason and skipped. array-api-strict is NumPy underneath with checks on every operation: it shows
what the standard's bookkeeping costs, not a device.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from toynn_tui.engine import Net, Spec, data  # noqa: E402
from toynn_tui.engine import backend as backends  # noqa: E402


def _sync(net: Net) -> None:
    """Wait for the device: asking for a number back makes an asynchronous GPU finish its queue."""
    net.backend.host(net.s.syn0[0:1, 0:1])


def rate(net: Net, seconds: float) -> float:
    """Updates per second over a stretch of about `seconds` (whole chunks, synced at both ends)."""
    _sync(net)
    done, chunk, t0 = 0, 5, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        net.run(chunk)
        done += chunk
        chunk = min(chunk * 2, 200)
    _sync(net)
    return done / (time.perf_counter() - t0)


def nets(hidden: int, batch: int, points: int) -> tuple[dict[str, Net], list[str]]:
    split = data.make("spiral", n=points, n_test=0, ones=False)
    spec = Spec(name=f"spiral-{hidden}", sizes=(2, hidden, 1), alpha=0.05, bias=True, batch_size=batch,
                iterations=10**9)
    made, skipped = {}, []
    for name in backends.NAMES:
        try:
            made[name] = Net(spec=spec, seed=1, X=split.X, y=split.y, backend=name)
        except backends.BackendMissing as exc:
            skipped.append(f"{name}: skipped, {exc}")
    return made, skipped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("hidden", nargs="*", type=int, default=[256, 1024])
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--points", type=int, default=4096)
    ap.add_argument("--seconds", type=float, default=1.5)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    for hidden in args.hidden:
        made, skipped = nets(hidden, args.batch, args.points)
        for net in made.values():
            net.run(20)
        reference = made["numpy"].weights
        for name, net in made.items():
            worst = max(float(np.max(np.abs(a - b))) for a, b in zip(reference, net.weights))
            assert worst < 1e-9, f"{name} does not train the same net ({worst:.1e} from NumPy's)"
        best = {name: 0.0 for name in made}
        for _ in range(args.rounds):   # interleaved: each backend in turn, every round
            for name, net in made.items():
                best[name] = max(best[name], rate(net, args.seconds / args.rounds))
        where = {name: str(net.backend.device) for name, net in made.items()}
        print(f"spiral, {args.points} points, hidden {hidden}, batch {args.batch}:")
        for name, r in best.items():
            print(f"  {name:<18}{where[name]:<36}{r:>10.1f} updates/s{r / best['numpy']:>8.2f}x numpy")
        for line in skipped:
            print("  " + line)


if __name__ == "__main__":
    main()
