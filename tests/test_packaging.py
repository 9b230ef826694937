"""The wheel ships every package of the source tree (a package missing from pyproject's list
installs fine in editable mode and breaks only in a real install, such as pre-commit's)."""

import tomllib

from conftest import ROOT


def test_every_lint_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "lint").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
