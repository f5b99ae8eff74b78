"""The fuzzing suite of issue 13: real exports of the example workspace, corrupted by hypothesis
strategies, run through the ``pmiek`` commands in-process and held to the rules of the issue.

- :mod:`~tests.fuzz.strategies`: the corruptions, as plain data, and how they are applied;
- :mod:`~tests.fuzz.harness`: the base exports, one case under a 10 s limit, the rules;
- :mod:`~tests.fuzz.worlds`: what surrounds the names-and-paths and store cases;
- :mod:`~tests.fuzz.budget`: the hypothesis profile ``fuzz`` and the cases per test;
- :mod:`~tests.fuzz.found`: the failures found so far, replayed by ``test_fuzz_found``;
- ``test_fuzz_*``: one generating test per family; ``test_zz_budget`` checks the count.

``pytest tests/fuzz`` runs the default budget (2,000 generated cases, the same ones every
run); ``PMIEK_FUZZ_EXAMPLES=N`` spreads N cases instead, ``PMIEK_FUZZ_RANDOM=1`` draws new
ones. A failure prints the minimal case as data: add it to :data:`tests.fuzz.found.FOUND`
with what it did and which module it pointed at.
"""
