"""Fixtures of the grading session: run the learner's file once per exercise, in a child."""
import pytest

from toynn_tui.checker.harness import Results


@pytest.fixture(scope="module")
def res(request, state, rung):
    """The child's answers to the plan: a network rung's (from its spec), else the module's PLAN
    (inputs, call names, calls). `state` (the run's job, its early child) and `rung` are handed over
    by the plugin that owns the run (session._state)."""
    if rung is not None:
        plan, warm = rung.plan(), rung.warm
    else:
        plan, warm = request.module.PLAN, getattr(request.module, "warm", None)
    inputs, names, calls = plan
    job = state.job
    # warm() computes the trusted references while the child runs; the child was started
    # before pytest (state.take_early), or is started here
    run = state.take_early(plan, meanwhile=warm)
    if run is None:
        run = job.run(inputs, calls, meanwhile=warm)
    state.remember(run)
    return Results(run, names, job.file, job.source.decode("utf-8", "replace"), job=job, calls=calls)
