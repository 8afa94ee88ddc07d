"""Grouping copy into stories, without Django: features.py (what is read of
a piece of copy), neardup.py (one copy, several carriers), clusterer.py
(online story clustering), metrics.py (pairwise and BCubed scores) and
jsonl.py (`broadsheet cluster`'s input and output)."""
