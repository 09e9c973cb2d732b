"""Review: the pairs the matching model is unsure of, one at a time in the browser, decided
with the keyboard; decisions are applied by a job (one re-match for many decisions)."""
