"""The store persists plain records and depends on no stage: its modules import only the
model, the errors and each other (the feeder, which runs the stages, sits above it in
``storydiff.feed``). And a MinHash goes into the store as plain integers and comes back
the same signature."""

from __future__ import annotations

import ast
from pathlib import Path

import rensa

import storydiff.store
from storydiff import signatures
from storydiff.model import Article
from storydiff.wire import WireDetector

STORE = Path(storydiff.store.__file__).parent
ALLOWED = {"storydiff.errors", "storydiff.model"}


def _imports(path: Path, package: str = "storydiff.store") -> set[str]:
    """The storydiff modules a module of ``package`` imports (at any depth of the file)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found |= {module} if module.startswith("storydiff") else set()
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("storydiff")}
    return found


def test_the_store_imports_no_stage():
    leaks = {}
    for path in sorted(STORE.glob("*.py")):
        if path.name == "feed.py":  # the old name of storydiff.feed: a lazy pointer to it, nothing else
            assert "def __getattr__" in path.read_text(encoding="utf-8")
            continue
        outside = {m for m in _imports(path) if not m.startswith("storydiff.store") and m not in ALLOWED}
        if outside:
            leaks[path.name] = sorted(outside)
    assert leaks == {}
    assert "storydiff.ingest" in _imports(STORE.parent / "feed.py", "storydiff")  # the check sees imports


def test_a_signature_comes_back_from_its_plain_values():
    detector = WireDetector()
    settings = detector.settings
    texts = ["The ferry Marisol ran aground off Kestrel Bay on Sunday with 214 passengers aboard.",
             "Heavy rain flooded the centre of Valencia overnight, closing the metro.", ""]
    made = [detector.signature(Article(id=str(i), text=t)) for i, t in enumerate(texts)]
    blobs = [signatures.pack(m) for m in made]
    assert all(len(b) == 4 * settings.num_perm for b in blobs)
    back = signatures.rebuild([*blobs, b"", b"\x80\x04not values", None], settings.num_perm, settings.seed)
    assert [m.digest() for m in back[:3]] == [m.digest() for m in made]  # the empty one: all 2**32 - 1
    assert back[3:] == [None, None, None]
    index = rensa.RMinHashLSH(threshold=0.5, num_perm=settings.num_perm, num_bands=settings.bands)
    for key, minhash in enumerate(back[:2]):
        index.insert(key, minhash)
    assert index.query(made[0]) == [0] and index.query(made[1]) == [1]
