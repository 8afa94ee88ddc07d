"""The interface every search back end offers; one file per database."""

from collections.abc import Iterable

from broadsheet.search.documents import SearchDocument

# Relative weights of the fields in ranking: a word in the headline says more
# about what a story is about than the same word deep in the body.
WEIGHTS = {
    "headline": 10.0,
    "standfirst": 5.0,
    "body": 1.0,
    "topics": 6.0,
    "authors": 6.0,
}


class SearchBackend:
    def __init__(self, connection):
        self.connection = connection

    def index(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace these stories in the index."""
        raise NotImplementedError

    def prepare(self, documents: list[SearchDocument]):
        """Start whatever indexing work can run beside the caller's own (the
        bulk import writes a batch's other rows meanwhile); index_prepared()
        finishes it. By default there is nothing to start."""
        return documents

    def index_prepared(self, prepared) -> None:
        """Add what prepare() started: new stories only (no replacing)."""
        self.index(prepared)

    def remove(self, article_ids: Iterable[int]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def search(
        self, words: list[str], offset: int, limit: int
    ) -> tuple[list[int], int]:
        """Article ids best first, and how many stories match in all.

        All words must match; when no story has them all, any word may."""
        for any_word in (False, True):
            ids, total = self.ranked(self.expression(words, any_word), offset, limit)
            if total or len(words) < 2:
                return ids, total
        return [], 0

    def count(self, words: list[str]) -> int:
        """How many stories search() would find, without ranking any."""
        for any_word in (False, True):
            total = self.matches(self.expression(words, any_word))
            if total or len(words) < 2:
                return total
        return 0

    def matches(self, expression: str) -> int:
        raise NotImplementedError

    def expression(self, words: list[str], any_word: bool) -> str:
        """The database's own query syntax for these words (all, or any)."""
        raise NotImplementedError

    def ranked(self, expression: str, offset: int, limit: int) -> tuple[list[int], int]:
        raise NotImplementedError
