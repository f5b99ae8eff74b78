"""Step 4, scoren en wegen: MCA methods, SMAA-2, indicators and the priority list."""
