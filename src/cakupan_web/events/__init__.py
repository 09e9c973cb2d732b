"""Events: socialisation events, benefit payouts (santunan) and card hand-overs recorded in
the browser (imported by a job through the importer, like a file), and the registrations
around each event."""
