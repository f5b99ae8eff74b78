"""Step 2, the afwegingskader: criteria tree, value functions and weights."""
