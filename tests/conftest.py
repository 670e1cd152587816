"""The whole suite speaks English whatever the machine's LANG: tests that need another language say so."""
import os

os.environ["TOYNN_LANG"] = "en"   # inherited by every checker child the tests start


def array_api_strict():
    """array_api_strict, which the test extra installs: skipped without it, but a failure in CI (CI=true)."""
    import pytest
    try:
        import array_api_strict as strict
    except ImportError:
        reason = "needs array-api-strict (pip install -e '.[test]')"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must have it: {reason}", pytrace=False)
        pytest.skip(reason, allow_module_level=True)
    return strict
