from conftest import Kiths


def test_add_then_show_puts_interests_before_title(run: Kiths) -> None:
    r = run("add", "Maya López", "--interest", "mushroom packaging: since 2019", "--title", "CEO")
    assert r.exit_code == 0, r.output
    r = run("show", "maya")
    assert r.exit_code == 0, r.output
    assert r.output.index("mushroom packaging") < r.output.index("CEO")
