"""Fixtures of the grading session: run the learner's file once per exercise, in a child."""
import pytest

from toynn_tui.checker import session
from toynn_tui.checker.harness import Results


@pytest.fixture(scope="module")
def res(request, job, rung):
    """The child's answers to the plan: a network rung's (from its spec), else the module's PLAN
    (inputs, call names, calls). `job` and `rung` are handed over by the session (session._state)."""
    if rung is not None:
        plan, warm = rung.plan(), rung.warm
    else:
        plan, warm = request.module.PLAN, getattr(request.module, "warm", None)
    inputs, names, calls = plan
    # warm() computes the trusted references while the child runs; the child was started
    # before pytest (session.take_early), or is started here
    run = session.take_early(plan, meanwhile=warm)
    if run is None:
        run = job.run(inputs, calls, meanwhile=warm)
    session.remember(run)
    return Results(run, names, job.file, job.source.decode("utf-8", "replace"))
