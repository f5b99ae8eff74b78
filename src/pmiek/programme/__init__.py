"""Steps 0 and 5 and the governance trail (DESIGN.md, ``pmiek.programme``): editions and
their decisions, the terinzagelegging and its term, the zienswijzen and the Nota van
Beantwoording, edition diffs and monitoring against the grid operators' investment plans.

Pure logic on frames and dates: no file, no database. The store
(:mod:`pmiek.adapters.store`) keeps the trail, the CLI and the web application show it.
"""
