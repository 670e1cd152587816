"""The training screen's row budgets (screens/layout.py), as pure arithmetic: terminal size and
what is shown in, rows per panel out."""
import pytest

from toynn_tui.screens.layout import CHROME, TITLE, Budget, Shown, budget


def test_the_article_nets_take_what_they_want():
    assert budget(80, 24, Shown(loop_lines=9, example_rows=4)) == Budget()
    assert budget(140, 45, Shown(loop_lines=9, example_rows=4)) == Budget()


def test_a_ladder_net_that_fits_only_bounds_the_weights_above_the_error_panel():
    # 40 rows: less the status and footer, the error panel's 6, the weights' title, -tall's blank row
    assert budget(100, 40, Shown(loop_lines=10, example_rows=4, article=False)) == Budget(weights=30)


def test_a_ladder_net_too_big_is_packed_and_the_left_column_fills_the_height_exactly():
    got = budget(100, 40, Shown(loop_lines=20, example_rows=64, article=False))
    assert got.packed
    assert got.examples + got.code + got.deltas + 3 * TITLE == 40 - CHROME
    assert got.code == 20            # the code first: all its lines
    assert got.examples >= 5 and got.deltas >= 3


def test_the_playground_below_wide_is_the_code_and_the_diagram_beside_the_boundary():
    shown = Shown(loop_lines=12, example_rows=150, article=False, playground=True, deepest=8)
    # the code's 12 lines fit; the plane is as wide as the boundary's legend leaves beside it
    assert budget(80, 24, shown) == Budget(boundary=11, diagram=9)
    longer = Shown(loop_lines=20, example_rows=150, article=False, playground=True, deepest=8)
    assert budget(80, 24, longer) == Budget(code=12, boundary=11, diagram=9)


def test_the_wide_playground_packs_the_left_column_under_the_diagram():
    shown = Shown(loop_lines=12, example_rows=150, article=False, playground=True, deepest=8)
    assert budget(140, 45, shown) == Budget(examples=10, code=12, deltas=8, weights=15, packed=True,
                                            boundary=21, diagram=10)


@pytest.mark.parametrize("width", [80, 109, 110, 200])
@pytest.mark.parametrize("height", [24, 30, 33, 34, 60])
def test_budgets_never_exceed_the_screen(width, height):
    for shown in (Shown(loop_lines=30, example_rows=200, article=False),
                  Shown(loop_lines=14, example_rows=150, article=False, playground=True, deepest=16)):
        got = budget(width, height, shown)
        rows = height - CHROME
        if got.packed:
            assert got.examples + got.code + got.deltas + 3 * TITLE + (got.diagram or 0) <= rows
        if got.boundary is not None:
            assert got.boundary <= rows - 6 - TITLE or got.boundary == 4
        assert all(v is None or v >= 2 for v in (got.examples, got.code, got.deltas, got.weights))
