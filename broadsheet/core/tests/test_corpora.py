"""The corpora kept in the repository (corpora/): every file has its source
and licence noted beside it, no text that may not be redistributed is kept,
and, where ../shared/corpora is present, each kept file is still what the
full corpus holds (a copy, or the sample its README describes)."""

import json
from pathlib import PurePosixPath

import pytest

from broadsheet import corpora

KEPT = corpora.KEPT.root
# Kept whole, byte for byte.
COPIES = [
    "blns/blns.txt",
    "schemas/sitemaps/sitemap.xsd",
    "schemas/sitemaps/siteindex.xsd",
    "schemas/atom/atom.rnc",
    "schemas/atom/atom.rng",
    "schemas/jsonfeed/schema-v1.1.json",
]
COPIED_FOLDERS = ("ninjs/", "feeds/jsonfeed-examples/")
# Every n-th line, from the first.
SAMPLED_LINES = {"payloads/xss.txt": 30, "payloads/sqli.txt": 10}
# Made from the full corpora: checked where each is used.
DERIVED = ["feeds/manifest.json", "schemas/schema-org/vocabulary.json"]
# Written here: no counterpart in the full corpora.
OURS = ["schemas/google-news/sitemap-news.xsd", "news-stand-ins/stories.jsonl"]
# The full corpora's folders whose text may not be redistributed.
NEVER_KEPT = ["bbc-news", "ag-news"]


def kept_files():
    return sorted(
        path.relative_to(KEPT).as_posix()
        for path in KEPT.rglob("*")
        if path.is_file() and path.name != "README.md"
    )


def is_licence(relative):
    return PurePosixPath(relative).name.startswith("LICENSE")


def readme_for(relative):
    """The README nearest a kept file, in its folder or one above it."""
    folder = (KEPT / relative).parent
    while not (folder / "README.md").exists():
        assert folder != KEPT.parent, f"no README.md above {relative}"
        folder = folder.parent
    return folder / "README.md"


def test_every_kept_file_has_a_readme_with_its_licence_beside_it():
    assert len(kept_files()) > 100
    for relative in kept_files():
        readme = readme_for(relative)
        assert readme != KEPT / "README.md", f"{relative}: no README of its own"
        assert "licence" in readme.read_text().lower(), readme


def test_the_news_stand_ins_are_not_the_bbc_corpus():
    lines = (KEPT / "news-stand-ins/stories.jsonl").read_text().splitlines()
    stories = [json.loads(line) for line in lines]
    assert len(stories) == 12
    assert all(story["id"].startswith("stand-in-") for story in stories)
    assert {story["category"] for story in stories} == {
        "business",
        "entertainment",
        "politics",
        "sport",
        "tech",
    }


def test_no_folder_that_may_not_be_redistributed_is_kept():
    for name in NEVER_KEPT:
        assert not (KEPT / name).exists(), name


def test_every_kept_file_is_accounted_for():
    """A copy, a sample, derived or ours: so each is checked somewhere."""
    known = [*COPIES, *SAMPLED_LINES, *DERIVED, *OURS]
    for relative in kept_files():
        assert (
            relative in known
            or relative.startswith(COPIED_FOLDERS)
            or is_licence(relative)
        ), relative


# --- against the full corpora, where ../shared is present (CI always has it) --
# Defined only there: a test skipped for want of ../shared would hide a gap.

if corpora.shared_present():
    FULL = corpora.FULL

    def test_the_kept_copies_are_the_full_corpus_files():
        copies = COPIES + [p for p in kept_files() if p.startswith(COPIED_FOLDERS)]
        assert len(copies) > 100
        changed = [
            relative
            for relative in copies
            if (KEPT / relative).read_bytes() != FULL.path(relative).read_bytes()
        ]
        assert changed == []

    @pytest.mark.parametrize("relative", SAMPLED_LINES)
    def test_a_kept_sample_is_every_nth_line_of_the_full_list(relative):
        every = SAMPLED_LINES[relative]
        full = FULL.path(relative).read_bytes().splitlines(keepends=True)
        assert (KEPT / relative).read_bytes() == b"".join(full[::every])

    def test_the_kept_feed_manifest_is_the_full_ones_entries():
        kept = json.loads((KEPT / "feeds/manifest.json").read_text())["files"]
        full = json.loads(FULL.path("feeds/manifest.json").read_text())["files"]
        by_path = {entry["path"]: entry for entry in full}
        assert kept == [by_path[entry["path"]] for entry in kept]
        feeds = {
            path.removeprefix("feeds/")
            for path in kept_files()
            if path.startswith("feeds/") and not is_licence(path)
        }
        assert {entry["path"] for entry in kept} == feeds - {"manifest.json"}
