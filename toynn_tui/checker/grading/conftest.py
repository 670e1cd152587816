"""Fixtures of the grading session: run the learner's file once per exercise, in a child."""
import pytest

from toynn_tui.checker import session
from toynn_tui.checker.harness import Results


@pytest.fixture(scope="module")
def res(request):
    """The child's answers to the module's PLAN (inputs, call names, calls)."""
    job = session.current()
    inputs, names, calls = request.module.PLAN
    # a module's warm() computes its trusted references while the child runs; the child was
    # started before pytest (session.take_early), or is started here
    warm = getattr(request.module, "warm", None)
    run = session.take_early(request.module.PLAN, meanwhile=warm)
    if run is None:
        run = job.run(inputs, calls, meanwhile=warm)
    session.remember(run)
    return Results(run, names, job.file)
