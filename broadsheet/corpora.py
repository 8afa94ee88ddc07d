"""The corpora the tests read: the sample kept in the repository, and the
full research corpora where a checkout has them beside it.

`corpora/` (at the repository's root) holds small, redistributable samples
laid out as `../shared/corpora` is, each folder with a README naming its
source and licence, so a bare clone runs every test. Where `../shared` sits
beside the repository (CI always has it) the tests that read a sample run
on the full corpus as well:

    @pytest.mark.parametrize("corpus", corpora.each(), ids=str)
    def test_hostile_lines(corpus):
        lines = corpus.path("payloads/xss.txt").read_text()

Schemas and other files kept whole are read from the repository only
(`KEPT.path(...)`); `broadsheet/core/tests/test_corpora.py` checks that
they still match the shared copies.
"""

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_ROOT = REPO_ROOT.parent / "shared" / "corpora"


@dataclass(frozen=True)
class Corpus:
    name: str
    root: Path

    @property
    def full(self) -> bool:
        return self is FULL

    def path(self, relative: str) -> Path:
        """A file of this corpus. A missing one is a broken checkout, so it
        fails the test that asked, never skips it."""
        path = self.root / relative
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing from the {self} corpus")
        return path

    def __str__(self):
        return self.name


KEPT = Corpus("repository", REPO_ROOT / "corpora")
FULL = Corpus("full", SHARED_ROOT)


def shared_present() -> bool:
    return SHARED_ROOT.is_dir()


def each() -> list[Corpus]:
    """The repository's sample, then the full corpus where it is present."""
    return [KEPT, FULL] if shared_present() else [KEPT]


def description() -> str:
    """Which corpora this run reads, for the test report."""
    if shared_present():
        return f"repository fixtures (corpora/) + {SHARED_ROOT} (full)"
    return (
        "repository fixtures (corpora/) only: no ../shared/corpora beside the "
        "repository, so the full corpora did not run"
    )
