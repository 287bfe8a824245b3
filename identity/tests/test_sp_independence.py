"""The SP never names the development IdP (issue 16 section 4, decision 0027).

identity/saml/ reads its keys and the IdP's metadata from the files its settings
name; an import of identity.devidp there would make production code depend on a
development tool, and deleting identity/devidp/ would break the SP.
"""

import ast
from pathlib import Path

import identity.saml

SP_DIR = Path(identity.saml.__file__).parent
FORBIDDEN = "identity.devidp"


def imported_modules(source: str, package: str) -> list[str]:
    """Every module (and module.name) an import in `source` names, relative ones
    resolved against `package`, including imports inside functions."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names += [module, *(f"{module}.{alias.name}" for alias in node.names)]
    return names


def offending(source: str, package: str = "identity.saml") -> list[str]:
    found = imported_modules(source, package)
    return [name for name in found if name == FORBIDDEN or name.startswith(FORBIDDEN + ".")]


def test_no_sp_module_imports_the_development_idp():
    files = sorted(SP_DIR.rglob("*.py"))
    assert len(files) > 5, files  # the walk found the SP
    offenders = {}
    for file in files:
        package = ".".join(["identity", "saml", *file.relative_to(SP_DIR).parts[:-1]])
        if found := offending(file.read_text(encoding="utf-8"), package):
            offenders[str(file.relative_to(SP_DIR))] = found
    assert offenders == {}


def test_the_check_catches_every_import_form():
    for source in (
        "from identity.devidp.server import idp_metadata_xml",
        "import identity.devidp.devkeys",
        "from identity import devidp",
        "def f():\n    from identity.devidp import devkeys\n",
        "from ..devidp import server",
        "from .. import devidp",
    ):
        assert offending(source), source
    assert offending("from identity.saml.config import saml_settings\nfrom . import x") == []
