"""Imports: source files uploaded in the browser, checked (preview, header mapping,
validation report) before anything is stored, then imported as a job with live progress;
and the history of every snapshot with who loaded it."""
